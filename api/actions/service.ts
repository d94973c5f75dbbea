import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { UpdateDefinition } from '@temporalio/common';
import { dossierWorkflowId } from '../../workflows/dossier/api';
import type { ApiDeps } from '../deps';
import { conflict, forbidden, HttpProblem, notFound, unprocessable } from '../http/problem';

/** Validator failure types of the dossier workflow, by HTTP answer. */
const CONFLICTS = new Set(['StaleVersion', 'WrongStage', 'TaskClosed', 'DossierClosed', 'DuplicateScore', 'ScoringInProgress']);
const FORBIDDEN = new Set(['WrongDepartment', 'UnknownUser']);

/**
 * Sends a person's action to the dossier's workflow as an Update and answers with its result. The
 * workflow's synchronous validators decide; their refusals become problem documents (409 for a
 * stale version or a step that is not open, 403 for the wrong department, 422 otherwise).
 */
export async function sendAction<Ret, Arg>(deps: ApiDeps, code: string, update: UpdateDefinition<Ret, [Arg]>, arg: Arg): Promise<Ret> {
  const dossier = await deps.prisma.dossier.findUnique({ where: { code }, select: { stage: true, status: true } });
  if (!dossier) throw notFound(`Không có hồ sơ mã ${code}.`);
  try {
    return await deps.temporal.workflow.getHandle(dossierWorkflowId(code)).executeUpdate(update, { args: [arg] });
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) {
      throw conflict(`Hồ sơ ${code} đã kết thúc (${dossier.stage}/${dossier.status}); không nhận thêm thao tác.`, { stage: dossier.stage, status: dossier.status });
    }
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      const type = error.cause.type ?? 'Refused';
      const extra = { reason: type };
      if (CONFLICTS.has(type)) throw conflict(error.cause.message, extra);
      if (FORBIDDEN.has(type)) throw new HttpProblem(403, forbidden('').title, error.cause.message, extra);
      throw unprocessable(error.cause.message, extra);
    }
    throw error;
  }
}
