import { getExternalWorkflowHandle, workflowInfo } from '@temporalio/workflow';
import { screenApplicant } from '../../../domain';
import { runHumanTask } from '../../common/human-task';
import { applicantScoredSignal } from '../../round/api';
import { acts, SYSTEM, type DossierContext } from '../context';
import { scoringNotice, screeningRejectedMail } from '../mails';
import { awaitSupplement, untilComplete } from './intake';

/** Stage 6: the appraiser screens; may first ask for a supplement (the appraisal clock stops). True when eligible. */
export async function eligibilityScreening(ctx: DossierContext): Promise<boolean> {
  for (;;) {
    const step = await runHumanTask(ctx.wait, {
      open: async () => undefined,
      action: () => ctx.screening ?? ctx.supplementRequest,
      record: async (action) => action,
    });
    if ('missing' in step) {
      ctx.supplementRequest = undefined;
      ctx.take(step);
      await awaitSupplement(ctx, step.actor, step.missing, step.items);
      await untilComplete(ctx, 'SCREENING');
      continue;
    }
    const result = screenApplicant(ctx.ruleSet, step.facts);
    if (result.eligible) {
      await ctx.transition(step.actor, 'screening.passed', 'SCORING', 'ACTIVE', { facts: step.facts, screening: result }, { screening: result });
    } else {
      await ctx.transition(step.actor, 'screening.failed', 'CLOSED', 'REFUSED', { facts: step.facts, screening: result, detail: { failures: result.failures } }, { screening: result });
      await acts.sendMail(screeningRejectedMail(ctx.input, result.failures));
    }
    // Pending until its transition is recorded: meanwhile the validators refuse a withdrawal (the
    // dossier may close here, and nothing would then record it).
    ctx.screening = undefined;
    return result.eligible;
  }
}

/**
 * Stage 7: every voting member of the council (the standing seats when scoring opens; the secretary
 * does not vote) scores the dossier; the sheets are recorded as they arrive (handlers.ts). Once the
 * last one is in, scoring closes and the dossier waits for its round's report; the round gets the
 * sheets to rank its applicants together.
 */
export async function councilScoring(ctx: DossierContext): Promise<void> {
  const voters = await acts.votingCouncilMembers();
  ctx.snapshot = { ...ctx.snapshot, awaitedScores: voters.filter((v) => !ctx.scoringMembers.has(v)) };
  await ctx.notifyStaff({ role: 'COUNCIL_MEMBER' }, scoringNotice(ctx.input));
  await ctx.wait(() => voters.length > 0 && voters.every((v) => ctx.memberScores.some((s) => s.memberId === v)));
  await ctx.transition(SYSTEM, 'scoring.closed', 'APPRAISAL_REPORT', 'ACTIVE', { detail: { voters, sheets: ctx.memberScores.length } }, { awaitedScores: [] });
  const parent = workflowInfo().parent;
  if (parent) {
    await getExternalWorkflowHandle(parent.workflowId, parent.runId).signal(applicantScoredSignal, { code: ctx.input.code, scores: [...ctx.memberScores] });
  }
}
