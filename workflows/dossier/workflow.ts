import { allHandlersFinished, condition, upsertSearchAttributes } from '@temporalio/workflow';
import { ruleSetById } from '../../domain';
import { CLUSTER_CODE, DOSSIER_STAGE, DOSSIER_STATUS } from '../search-attributes';
import type { DossierResult, DossierWorkflowInput } from './api';
import { recomputeDeadlinesOnCalendarChange } from './calendar-changes';
import { acts, DossierContext, fail, Withdrawn } from './context';
import { setDossierHandlers } from './handlers';
import { acknowledgementMail, lateRefusalMail } from './mails';
import { awaitRoundResult, closeWithdrawn } from './steps/closing';
import { departmentOpinions } from './steps/opinions';
import { awaitSubmissionToAppraisal, intake } from './steps/intake';
import { councilScoring, eligibilityScreening } from './steps/screening-and-scoring';

/**
 * One applicant's dossier through its appraisal (shared/DOMAIN.md §2, stages 3–7 and its share of 9),
 * as a child of its round's workflow (workflows/round/):
 *
 *   filed (COMPILATION: waits for the round to send its dossiers to DOIT)
 *     → COMPLETENESS_CHECK ⇄ SUPPLEMENT_REQUESTED (ON_HOLD, appraisal clock paused)
 *     → DEPARTMENT_OPINIONS (one task per consulted department; silence at the deadline = deemed consent)
 *     → SCREENING → ineligible: CLOSED / REFUSED
 *     → SCORING (every voting council member) → APPRAISAL_REPORT (the round ranks and reports)
 *     → the round's decision: MONITORING / APPROVED, or CLOSED / REJECTED.
 *   A late letter is recorded and refused at once (CLOSED / REFUSED). Withdrawal until scored: CLOSED / WITHDRAWN.
 */
export async function dossierWorkflow(input: DossierWorkflowInput): Promise<DossierResult> {
  const ruleSet = input.ruleSet ?? ruleSetById(input.ruleSetId);
  if (!ruleSet) throw fail(`Không có bộ quy tắc ${input.ruleSetId}.`, 'UnknownRuleSet');
  const ctx = new DossierContext(input, ruleSet);
  setDossierHandlers(ctx);
  upsertSearchAttributes([
    { key: CLUSTER_CODE, value: input.clusterCode },
    { key: DOSSIER_STAGE, value: input.refusal ? 'CLOSED' : ctx.snapshot.stage },
    { key: DOSSIER_STATUS, value: input.refusal ? 'REFUSED' : ctx.snapshot.status },
  ]);
  await acts.recordDossierFiled(input);
  if (input.refusal) return refuse(ctx, input.refusal);
  ctx.registered = true;
  await acts.sendMail(acknowledgementMail(input));

  const recomputation = recomputeDeadlinesOnCalendarChange(ctx);
  const result = await appraise(ctx);
  ctx.finished = true;
  await recomputation;
  await condition(allHandlersFinished);
  return result;
}

async function appraise(ctx: DossierContext): Promise<DossierResult> {
  try {
    await awaitSubmissionToAppraisal(ctx);
    await intake(ctx);
    await departmentOpinions(ctx);
    if (!(await eligibilityScreening(ctx))) return { code: ctx.input.code, outcome: 'REFUSED' };
    await councilScoring(ctx);
  } catch (error) {
    if (error instanceof Withdrawn) return closeWithdrawn(ctx);
    throw error;
  }
  return awaitRoundResult(ctx);
}

/** Stage 2: a letter the round did not admit is still a dossier, with its reason, and the applicant is told why. */
async function refuse(ctx: DossierContext, reason: string): Promise<DossierResult> {
  ctx.snapshot = { ...ctx.snapshot, stage: 'CLOSED', status: 'REFUSED' };
  ctx.registered = true;
  await acts.sendMail(lateRefusalMail(ctx.input, reason));
  await condition(allHandlersFinished);
  return { code: ctx.input.code, outcome: 'REFUSED' };
}
