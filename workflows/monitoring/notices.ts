import { addDays, compareDates, formatDateVi, nextPeriodEnd, nextWakeDay, noticesDue, periodLabel, type IsoDate } from '../../domain';
import { itemId, type AgendaEntry } from './api';
import { SYSTEM, type MonitoringContext } from './context';
import { overdueMails, reminderMails } from './mails';

/** The investor's own obligations: its reminders and overdue notices also go to the investor. */
export const INVESTOR_OWES: AgendaEntry['kind'][] = ['MONITORING_MILESTONE', 'PERIODIC_REPORT', 'REMEDIATION'];

/** The next day the cluster has something to do by itself: a notice, or a reporting period that ends. */
export function wakeDay(ctx: MonitoringContext): IsoDate | null {
  const today = ctx.time.today();
  const notice = nextWakeDay(ctx.snapshot.agenda, today);
  if (ctx.snapshot.stage === 'WITHDRAWN_FROM_PLAN') return notice;
  const period = addDays(ctx.snapshot.nextPeriodEnd, 1);
  return notice === null || compareDates(period, notice) < 0 ? period : notice;
}

/** Each reporting period that ended opens its report, due the schedule's limit after the period (Circular 14/2024). */
export async function openDueReports(ctx: MonitoringContext): Promise<void> {
  const months = ctx.schedule.reports.periodMonths;
  while (ctx.snapshot.stage !== 'WITHDRAWN_FROM_PLAN' && compareDates(ctx.time.today(), ctx.snapshot.nextPeriodEnd) > 0) {
    const periodEnd = ctx.snapshot.nextPeriodEnd;
    const counted = await ctx.deadline(periodEnd, ctx.schedule.reports.due);
    const { from } = periodLabel(periodEnd, months);
    const entry = ctx.entry(itemId.report(periodEnd), 'PERIODIC_REPORT', 'APPRAISER', `Báo cáo định kỳ kỳ ${formatDateVi(from)}–${formatDateVi(periodEnd)}`, counted);
    await ctx.change(SYSTEM, 'monitoring.report-due', { reportDue: { periodEnd, due: counted.deadline.due }, detail: { periodEnd } }, { open: [entry] }, { nextPeriodEnd: nextPeriodEnd(periodEnd, months) });
  }
}

/**
 * Reminders before a due date; once it passed, the managers are told and the item stays on their
 * list (late). A remediation past its deadline also opens the managers' escalation decision.
 */
export async function sendNotices(ctx: MonitoringContext): Promise<void> {
  const today = ctx.time.today();
  for (const notice of noticesDue(ctx.snapshot.agenda, today)) {
    const entry = ctx.item(notice.id) as AgendaEntry;
    const investor = INVESTOR_OWES.includes(entry.kind) ? ctx.state.contact : null;
    const withInvestor = (to: string[]) => (investor ? [investor.investorEmail, ...to] : to);
    if (notice.notice === 'reminder') {
      await ctx.mailStaff(entry.role, (to) => reminderMails(ctx.input, entry, withInvestor(to), investor?.investorName ?? null));
      ctx.markAgenda(entry.id, { reminded: true });
      continue;
    }
    const open: AgendaEntry[] = [];
    if (entry.kind === 'REMEDIATION') {
      const violation = entry.id.slice('remediation:'.length);
      const counted = await ctx.deadline(today, ctx.schedule.escalationDecision);
      open.push(ctx.entry(itemId.escalation(violation), 'ESCALATION_DECISION', 'MANAGER', `Quyết định xử lý vi phạm ${violation} chưa khắc phục đúng hạn`, counted));
    }
    await ctx.change(SYSTEM, 'monitoring.overdue', { overdueItem: entry.id, detail: { item: entry.id, due: entry.due, title: entry.title } }, { open });
    ctx.markAgenda(entry.id, { reminded: true, overdueNotified: true });
    await ctx.mailStaff('MANAGER', (to) => overdueMails(ctx.input, entry, withInvestor(to), investor?.investorName ?? null));
  }
}
