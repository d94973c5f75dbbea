import { condition } from '@temporalio/workflow';
import { APPRAISAL_CLOCK_STAGES, type Deadline, type IsoDate } from '../../domain';
import { withoutRemindOn } from '../common/deadline';
import { acts, SYSTEM, type DossierContext } from './context';
import { OPINION_REMINDER_WORKING_DAYS } from './steps/intake';

/** DOMAIN.md §4: due dates are recomputed on every calendar change; the waiting timers re-arm on the new dates. */
export async function recomputeDeadlinesOnCalendarChange(ctx: DossierContext): Promise<void> {
  let handled = 0;
  for (;;) {
    await condition(() => ctx.calendarChanges > handled || ctx.finished);
    if (ctx.finished) return;
    handled = ctx.calendarChanges;
    await ctx.writes.run(() => recomputeDeadlines(ctx));
    ctx.deadlineEpoch += 1;
  }
}

/** The open deadlines again, with the calendar in force; what moved is stored and audited. */
async function recomputeDeadlines(ctx: DossierContext): Promise<void> {
  if (ctx.closed()) return;
  const today = ctx.time.today();
  const deadlines: Record<string, Deadline> = {};
  const { clock, stage } = ctx.snapshot;
  if (clock && ctx.snapshot.deadlines.appraisal && APPRAISAL_CLOCK_STAGES.includes(stage)) {
    deadlines.appraisal = (await acts.appraisalClockStatus({ clock, today })).deadline;
  }
  // A new expected date told to the applicant follows the calendar too, while its step is still open.
  const stageOf = ctx.opinionStage;
  const revised = ctx.snapshot.deadlines[`${stageOf.key}Revised`];
  if (revised && stage === 'DEPARTMENT_OPINIONS') {
    deadlines[`${stageOf.key}Revised`] = withoutRemindOn(await acts.computeDeadline({ from: revised.from, limit: stageOf.limit }));
  }
  const open = ctx.snapshot.opinionTasks.filter((t) => t.status === 'OPEN');
  const tasks: { taskId: string; deadline: Deadline; remindOn: IsoDate | null }[] = [];
  for (const task of open) {
    const { remindOn, ...deadline } = await acts.computeDeadline({
      from: task.deadline.from,
      limit: ctx.ruleSet.limits.departmentOpinion,
      remindWorkingDaysBefore: OPINION_REMINDER_WORKING_DAYS,
    });
    tasks.push({ taskId: task.taskId, deadline, remindOn });
  }
  await acts.recordDeadlines({ code: ctx.input.code, actor: SYSTEM, deadlines, tasks: tasks.map(({ taskId, deadline }) => ({ taskId, deadline })) });
  ctx.snapshot = {
    ...ctx.snapshot,
    deadlines: { ...ctx.snapshot.deadlines, ...deadlines },
    opinionTasks: ctx.snapshot.opinionTasks.map((t) => {
      const changed = tasks.find((c) => c.taskId === t.taskId);
      return changed && t.status === 'OPEN' ? { ...t, deadline: changed.deadline } : t;
    }),
  };
  for (const task of tasks) {
    if (task.remindOn) ctx.remindOn.set(task.taskId, task.remindOn);
    else ctx.remindOn.delete(task.taskId);
  }
}
