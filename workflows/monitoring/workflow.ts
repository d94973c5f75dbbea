import { allHandlersFinished, condition, continueAsNew, workflowInfo } from '@temporalio/workflow';
import { periodEndOn } from '../../domain';
import { itemId, MONITORING_HISTORY_LIMIT, type ClusterMonitoringInput, type MilestoneView } from './api';
import { recountOnCalendarChange } from './calendar-changes';
import { acts, fail, MonitoringContext } from './context';
import { setMonitoringHandlers } from './handlers';
import { monitoringStartedMails } from './mails';
import { openDueReports, sendNotices, wakeDay } from './notices';

/**
 * One approved cluster, watched for as long as it exists (shared/DOMAIN.md §5). Started by the
 * round's approval; then, for years:
 *
 *   milestones     each due from the decision (or the investor's committed date), reminded, then overdue for the managers
 *   reports        every period of the schedule: due after the period ends, reminded, then overdue
 *   inspections    recorded by DOIT: once a year per subject unless ad hoc with a reason; a violation opens a remediation
 *   escalation     an unremedied violation waits for a manager's step: warning → penalty proposal → revocation/replacement proposal
 *   withdrawal     out of the provincial plan: milestones and reports end, a conversion/management plan is due
 *   calendar       a changed working day recounts the due dates not yet passed (calendar-changes.ts)
 *
 * One durable timer at a time (the next day something is due); the history is kept bounded by
 * continuing as new, carrying the whole state, once every handler has finished.
 */
export async function clusterMonitoringWorkflow(input: ClusterMonitoringInput): Promise<void> {
  const ctx = new MonitoringContext(input);
  setMonitoringHandlers(ctx);
  if (!input.carried) await openMonitoring(ctx);
  for (;;) {
    // What is already due goes out before the next wait: a run that starts late (a slow start, a continued run) misses nothing.
    await openDueReports(ctx);
    await sendNotices(ctx);
    if (historyFull(input)) {
      await condition(() => ctx.pending !== undefined || ctx.calendarChanges.length > 0 || allHandlersFinished());
      if (ctx.pending === undefined && ctx.calendarChanges.length === 0) {
        const carried = { ...ctx.state, snapshot: { ...ctx.snapshot, run: ctx.snapshot.run + 1 } };
        await continueAsNew<typeof clusterMonitoringWorkflow>({ ...input, ...ctx.time.scale, carried });
      }
    }
    const wake = wakeDay(ctx);
    await ctx.wait(() => ctx.pending !== undefined || ctx.calendarChanges.length > 0, wake ? () => wake : undefined);
    if (ctx.calendarChanges.length > 0) await recountOnCalendarChange(ctx);
    const pending = ctx.pending;
    if (pending) {
      try {
        await pending.apply(ctx);
      } catch (error) {
        // A cluster watched for years must not fail on one action the read model refused.
        pending.failure = error instanceof Error ? error.message : String(error);
      }
      ctx.pending = undefined;
    }
  }
}

function historyFull(input: ClusterMonitoringInput): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength >= (input.historyLimit ?? MONITORING_HISTORY_LIMIT);
}

/** The decision's milestones, each counted from the decision day on the calendar in force; the first reporting period. */
async function openMonitoring(ctx: MonitoringContext): Promise<void> {
  const { input, schedule } = ctx;
  if (schedule.milestones.length === 0) throw fail(`Lịch theo dõi ${schedule.id} không có mốc nào.`, 'InvalidSchedule');
  ctx.state = { ...ctx.state, contact: await acts.recordMonitoringStarted({ clusterCode: input.clusterCode, roundCode: input.roundCode, dossierCode: input.dossierCode, scheduleId: schedule.id, decidedOn: input.decidedOn, actor: input.decidedBy }) };
  const counted = await Promise.all(schedule.milestones.map((rule) => ctx.deadline(input.decidedOn, rule.limit)));
  const views: MilestoneView[] = schedule.milestones.map((rule, i) => ({ kind: rule.kind, name: rule.name, deadline: counted[i]!.deadline, committed: false, achievedOn: null, cancelled: false }));
  const open = schedule.milestones.map((rule, i) => ctx.entry(itemId.milestone(rule.kind), 'MONITORING_MILESTONE', 'APPRAISER', rule.name, counted[i]!));
  await ctx.change(
    input.decidedBy,
    'monitoring.opened',
    { stage: 'UNDER_CONSTRUCTION', milestones: views.map((m) => ({ kind: m.kind, deadline: m.deadline, committed: false })), detail: { roundCode: input.roundCode, scheduleId: schedule.id } },
    { open },
    { milestones: views, nextPeriodEnd: periodEndOn(input.decidedOn, schedule.reports.periodMonths) },
  );
  const list = views.map((m) => ({ name: m.name, due: m.deadline.due }));
  await ctx.mailStaff('APPRAISER', (to) => monitoringStartedMails(input, ctx.state.contact.investorName, [ctx.state.contact.investorEmail, ...to], list));
}
