import { uuid4 } from '@temporalio/workflow';
import { pauseClock, resumeClock, startClock } from '../../../domain';
import { runHumanTask } from '../../common/human-task';
import type { CompletenessCheckInput, DossierStage, OpinionTaskView, RequestedItem } from '../api';
import { acts, SYSTEM, type DossierContext } from '../context';
import { completenessCheckNotice, supplementRequestMail } from '../mails';
import { resolveConsultedDepartments } from './departments';

/** A reviewer is reminded this many working days before the opinion deadline. */
export const OPINION_REMINDER_WORKING_DAYS = 2;

/**
 * Stage 3: the dossier waits, compiled, until its round sends the round's dossiers to DOIT (the
 * round's own deadline, not this dossier's); then the intake officers are told it is theirs.
 */
export async function awaitSubmissionToAppraisal(ctx: DossierContext): Promise<void> {
  await ctx.wait(() => ctx.appraisalStart !== undefined);
  const submittedOn = ctx.appraisalStart?.submittedOn;
  await ctx.transition(SYSTEM, 'dossier.sent-for-appraisal', 'COMPLETENESS_CHECK', 'ACTIVE', { detail: { submittedOn } });
  await ctx.notifyStaff({ role: 'INTAKE_OFFICER' }, completenessCheckNotice(ctx.input));
}

/** Stage 4: the intake officer checks; supplements until complete; then the appraisal clock starts and the opinions open. */
export async function intake(ctx: DossierContext): Promise<void> {
  const check = await untilComplete(ctx);
  const today = ctx.time.today();
  const clock = startClock(ctx.ruleSet.limits.appraisal, today);
  const clockNow = await acts.appraisalClockStatus({ clock, today });
  const { remindOn, ...deadline } = await acts.computeDeadline({
    from: today,
    limit: ctx.ruleSet.limits.departmentOpinion,
    remindWorkingDaysBefore: OPINION_REMINDER_WORKING_DAYS,
  });
  const consulted = await resolveConsultedDepartments(ctx, today);
  const tasks: OpinionTaskView[] = consulted.map(({ code: departmentCode }) => ({ taskId: uuid4(), departmentCode, status: 'OPEN', version: 1, deadline }));
  await ctx.transition(
    check.actor,
    'dossier.complete',
    'DEPARTMENT_OPINIONS',
    'ACTIVE',
    {
      clock,
      deadlines: { appraisal: clockNow.deadline },
      openTasks: tasks.map((t) => ({ id: t.taskId, departmentCode: t.departmentCode, deadline: t.deadline })),
      detail: { clockStartedOn: today, appraisalDue: clockNow.due, consultedDepartments: consulted },
    },
    { clock, opinionTasks: tasks },
  );
  for (const task of tasks) if (remindOn) ctx.remindOn.set(task.taskId, remindOn);
}

/**
 * The intake officer checks until the dossier is complete; each "not complete" asks the applicant
 * for a supplement. Before the appraisal (`resumeStage` undefined) the caller records completion;
 * during it the dossier returns to `resumeStage`.
 */
export async function untilComplete(ctx: DossierContext, resumeStage?: DossierStage): Promise<CompletenessCheckInput> {
  for (;;) {
    const check = await runHumanTask(ctx.wait, {
      open: async () => undefined,
      action: () => ctx.completeness,
      record: async (check) => {
        ctx.completeness = undefined;
        return ctx.take(check);
      },
    });
    if (!check.complete) {
      await awaitSupplement(ctx, check.actor, check.missing ?? [], check.items);
      continue;
    }
    if (resumeStage) await ctx.transition(check.actor, 'dossier.complete', resumeStage, 'ACTIVE');
    return check;
  }
}

/**
 * Asks the applicant for `missing` (the clock stops if it runs), waits, restarts the clock on arrival.
 * `items` and the receipt's `versions` are recorded as given: absent from older histories'
 * Updates, so what those replay is unchanged.
 */
export async function awaitSupplement(ctx: DossierContext, actor: string, missing: string[], items?: RequestedItem[]): Promise<void> {
  const today = ctx.time.today();
  ctx.supplementRounds += 1;
  const clock = ctx.snapshot.clock ? pauseClock(ctx.snapshot.clock, today, `Chờ bổ sung hồ sơ: ${missing.join('; ')}`) : null;
  await ctx.transition(
    actor,
    'dossier.supplement-requested',
    'SUPPLEMENT_REQUESTED',
    'ON_HOLD',
    { ...(clock ? { clock } : {}), detail: { missing, ...(items ? { items } : {}), ...(clock ? { clockPausedOn: today } : {}) } },
    { missing, clock },
  );
  await acts.sendMail(supplementRequestMail(ctx.input, ctx.supplementRounds, missing, today));

  const supplement = await runHumanTask(ctx.wait, { open: async () => undefined, action: () => ctx.supplement, record: async (s) => ctx.take(s) });
  ctx.supplement = undefined;
  const receivedOn = ctx.time.today();
  const resumed = clock ? resumeClock(clock, receivedOn) : null;
  const status = resumed ? await acts.appraisalClockStatus({ clock: resumed, today: receivedOn }) : null;
  await ctx.transition(
    supplement.actor,
    'dossier.supplement-received',
    'COMPLETENESS_CHECK',
    'ACTIVE',
    {
      ...(resumed && status ? { clock: resumed, deadlines: { appraisal: status.deadline } } : {}),
      detail: { documents: supplement.documents, ...(supplement.versions ? { versions: supplement.versions } : {}), ...(resumed ? { clockResumedOn: receivedOn, appraisalDue: status?.due } : {}) },
    },
    { missing: [], clock: resumed },
  );
  await ctx.notifyStaff({ role: 'INTAKE_OFFICER' }, { ...completenessCheckNotice(ctx.input), key: `${ctx.input.code}:supplement-review:${ctx.supplementRounds}` });
}
