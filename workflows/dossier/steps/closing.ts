import type { DossierResult, DossierStage, DossierStatus, RoundResultSignal } from '../api';
import { acts, type DossierContext } from '../context';
import { roundResultMail, withdrawnMail } from '../mails';

const RESULT_STATE: Record<RoundResultSignal['outcome'], [DossierStage, DossierStatus]> = {
  APPROVED: ['MONITORING', 'APPROVED'],
  NOT_SELECTED: ['CLOSED', 'REJECTED'],
  REJECTED: ['CLOSED', 'REJECTED'],
};

/** Stage 9 for this applicant: the round's one decision, told to it once. The winner moves on to monitoring. */
export async function awaitRoundResult(ctx: DossierContext): Promise<DossierResult> {
  await ctx.wait(() => ctx.roundResult !== undefined);
  const result = ctx.roundResult as RoundResultSignal;
  const [stage, status] = RESULT_STATE[result.outcome];
  await ctx.transition(
    result.decidedBy,
    `dossier.round-${result.outcome.toLowerCase().replace('_', '-')}`,
    stage,
    status,
    { detail: { reason: result.reason, decidedOn: result.decidedOn } },
    { result: { by: result.decidedBy, on: result.decidedOn, outcome: result.outcome, reason: result.reason } },
  );
  await acts.sendMail(roundResultMail(ctx.input, result.outcome, result.reason));
  return { code: ctx.input.code, outcome: result.outcome };
}

/** The applicant withdrew: every open task of the dossier is cancelled in the same transaction, and the applicant is told. */
export async function closeWithdrawn(ctx: DossierContext): Promise<DossierResult> {
  const withdrawal = ctx.withdrawal as NonNullable<DossierContext['withdrawal']>;
  await ctx.transition(
    withdrawal.actor,
    'dossier.withdrawn',
    'CLOSED',
    'WITHDRAWN',
    { cancelOpenTasks: true, detail: { reason: withdrawal.reason } },
    { opinionTasks: ctx.snapshot.opinionTasks.map((t) => (t.status === 'OPEN' ? { ...t, status: 'CANCELLED', version: t.version + 1 } : t)) },
  );
  await acts.sendMail(withdrawnMail(ctx.input));
  return { code: ctx.input.code, outcome: 'WITHDRAWN' };
}
