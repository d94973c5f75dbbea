import { recountable, recountItem, type IsoDate, type MilestoneKind } from '../../domain';
import type { RescheduledItem } from '../../activities/monitoring/records';
import type { AgendaEntry } from './api';
import { SYSTEM, type MonitoringContext } from './context';
import { earlierDueMails } from './mails';
import { INVESTOR_OWES } from './notices';

/**
 * DOMAIN.md §4 for a monitored cluster: after an administrator changed a working day, every open
 * item not yet overdue is counted again from its start on the calendar in force. The moved due dates
 * go to the read model (tasks, milestones, reports, remediations) with their audit record in one
 * state change; nothing is recorded when nothing moved. The next wake-up follows the new dates.
 *
 * Only a date that moved earlier is mailed (to those who must act, and the investor for its own
 * obligations): they now have less time than they were told. A later date only gives more time;
 * the inbox and the cluster's page show it.
 */
export async function recountOnCalendarChange(ctx: MonitoringContext): Promise<void> {
  const changedDays = [...new Set(ctx.calendarChanges)].sort();
  ctx.calendarChanges = [];
  const open = recountable(ctx.snapshot.agenda, ctx.time.today()).filter((e) => e.basis);
  const counted = await Promise.all(open.map((e) => ctx.deadline(e.basis!.from, e.basis!.limit)));
  const recounted = open.map((entry, i) => ({ entry, deadline: counted[i]!.deadline, ...recountItem(entry, { due: counted[i]!.deadline.due, remindOn: counted[i]!.remindOn }) }));
  const moved = recounted.filter((r) => r.moved !== null);
  const byId = new Map(recounted.map((r) => [r.entry.id, r.item]));
  const agenda = () => ctx.snapshot.agenda.map((e) => byId.get(e.id) ?? e);
  if (moved.length === 0) {
    // Only reminder days may have moved: nothing a person reads changed.
    ctx.state.snapshot = { ...ctx.snapshot, agenda: agenda() };
    return;
  }
  const items: RescheduledItem[] = moved.map((r) => ({ item: r.entry.id, previousDue: r.entry.due, deadline: r.deadline, ...rowOf(r.entry) }));
  const due = new Map(moved.map((r) => [r.entry.id, r]));
  await ctx.change(SYSTEM, 'monitoring.deadlines-recounted', { rescheduled: { changedDays, items }, detail: { changedDays, items: items.map((i) => ({ item: i.item, from: i.previousDue, to: i.deadline.due })) } }, {}, {
    milestones: ctx.snapshot.milestones.map((m) => {
      const r = due.get(`milestone:${m.kind}`);
      return r ? { ...m, deadline: r.deadline } : m;
    }),
    openViolations: ctx.snapshot.openViolations.map((v) => {
      const r = due.get(`remediation:${v.number}`);
      return r ? { ...v, remediationDue: r.deadline.due } : v;
    }),
  });
  ctx.state.snapshot = { ...ctx.snapshot, agenda: agenda() };
  for (const r of moved.filter((x) => x.moved === 'earlier')) {
    const investor = INVESTOR_OWES.includes(r.entry.kind) ? ctx.state.contact : null;
    await ctx.mailStaff(r.entry.role, (to) => earlierDueMails(ctx.input, r.item, r.entry.due, changedDays, investor ? [investor.investorEmail, ...to] : to, investor?.investorName ?? null));
  }
}

/** The row an agenda item stands for besides its task (its id names it: itemId in api.ts). */
function rowOf(entry: AgendaEntry): Pick<RescheduledItem, 'milestone' | 'reportPeriodEnd' | 'violation'> {
  const [kind, key] = [entry.id.slice(0, entry.id.indexOf(':')), entry.id.slice(entry.id.indexOf(':') + 1)];
  if (kind === 'milestone') return { milestone: key as MilestoneKind };
  if (kind === 'report') return { reportPeriodEnd: key as IsoDate };
  if (kind === 'remediation') return { violation: key };
  return {};
}
