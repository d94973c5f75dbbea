import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { isoDateOf } from '../../db/dates';
import { formatDateVi, ruleSetInForce } from '../../domain';
import type { DossierWorkflowInput } from '../../workflows/dossier/api';
import { admitApplicantUpdate, roundCode, roundWorkflowId, type RoundWorkflowInput } from '../../workflows/round/api';
import type { roundWorkflow } from '../../workflows/round/workflow';
import type { ApiDeps } from '../deps';

/** Where a letter goes: the round that admitted it, or (with `refusal`) the round that refused it. */
export interface Placement {
  roundCode: string;
  refusal?: string;
}

/** A round closing between our read and our update is retried with what the read model then says; more than this is a bug. */
const MAX_ATTEMPTS = 3;

/**
 * Files a letter into its cluster's round. The cluster's latest round decides: none, or one closed
 * without an investor, means a new round (number + 1); a running one is asked to admit the letter,
 * and its validator refuses a late letter with the closing date; a decided one refuses (the
 * cluster has its investor). The round is started with update-with-start under a deterministic id,
 * so two first letters at the same instant open exactly one round; the Update id is the dossier
 * code, so a retried request is admitted once.
 */
export async function placeInRound(deps: Pick<ApiDeps, 'prisma' | 'temporal' | 'config'>, input: DossierWorkflowInput, roundScale: Pick<RoundWorkflowInput, 'msPerDay' | 'timeOrigin'>): Promise<Placement> {
  for (let attempt = 1; ; attempt += 1) {
    const latest = await deps.prisma.selectionRound.findFirst({
      where: { cluster: { code: input.clusterCode } },
      orderBy: { number: 'desc' },
      select: { code: true, number: true, status: true, closedOn: true },
    });
    if (latest?.status === 'DECIDED' && latest.code) {
      const on = latest.closedOn ? ` ngày ${formatDateVi(isoDateOf(latest.closedOn))}` : '';
      return { roundCode: latest.code, refusal: `Cụm công nghiệp ${input.clusterCode} đã có chủ đầu tư hạ tầng được UBND tỉnh chấp thuận${on} (đợt lựa chọn ${latest.code}).` };
    }
    const number = !latest ? 1 : latest.status === 'NO_INVESTOR' || latest.status === 'CANCELLED' ? latest.number + 1 : latest.number;
    const code = roundCode(input.clusterCode, number);
    const round: RoundWorkflowInput = { clusterCode: input.clusterCode, number, ruleSet: ruleSetInForce(input.filedOn), openedOn: input.filedOn, openedBy: input.submittedBy, ...roundScale };
    try {
      await deps.temporal.workflow.executeUpdateWithStart(admitApplicantUpdate, {
        args: [input],
        updateId: `admit-${input.code}`,
        startWorkflowOperation: new WithStartWorkflowOperation<typeof roundWorkflow>('roundWorkflow', {
          workflowId: roundWorkflowId(deps.config.WORKFLOW_ID_PREFIX, code),
          taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
          args: [round],
          workflowIdConflictPolicy: 'USE_EXISTING',
          // A closed round is never reopened: the letter goes to the next one.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      });
      return { roundCode: code };
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === 'LateApplication') {
        return { roundCode: code, refusal: error.cause.message };
      }
      if (error instanceof WorkflowExecutionAlreadyStartedError && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}
