import { daysBetween, nextEscalation, occupancyOf, inspectionSubject, type Deadline, type IsoDate, type MilestoneKind } from '../../domain';
import type { ViolationRecord } from '../../activities/monitoring/records';
import { itemId, type AgendaEntry, type CommitmentsInput, type ConversionPlanInput, type EscalationInput, type InspectionInput, type MilestoneInput, type ReportInput, type RemediationInput, type ViolationView, type WithdrawalInput } from './api';
import type { MonitoringContext } from './context';
import { escalationMails, violationMails } from './mails';

/**
 * What each person's action records, once its Update's validator accepted it (handlers.ts). Each is
 * one state change of the cluster (read model, tasks and audit in one activity).
 */

/** The investor's proposal committed its own dates: each open milestone is due on its date (the next working day if it is not one). */
export async function recordCommitments(ctx: MonitoringContext, input: CommitmentsInput): Promise<void> {
  const milestones: { kind: MilestoneKind; deadline: Deadline; committed: boolean }[] = [];
  const open: AgendaEntry[] = [];
  for (const [kind, date] of Object.entries(input.dates) as [MilestoneKind, IsoDate][]) {
    // Counted from the decision, so the reminder day is known: the date itself, or the next working day.
    const counted = await ctx.deadline(ctx.input.decidedOn, { amount: daysBetween(ctx.input.decidedOn, date), unit: 'calendar-days' });
    const current = ctx.snapshot.milestones.find((m) => m.kind === kind);
    milestones.push({ kind, deadline: counted.deadline, committed: true });
    open.push(ctx.entry(itemId.milestone(kind), 'MONITORING_MILESTONE', 'APPRAISER', current?.name ?? kind, counted));
  }
  const byKind = new Map(milestones.map((m) => [m.kind, m]));
  await ctx.change(input.actor, 'monitoring.commitments-recorded', { milestones }, { open }, {
    milestones: ctx.snapshot.milestones.map((m) => (byKind.has(m.kind) ? { ...m, deadline: (byKind.get(m.kind) as (typeof milestones)[number]).deadline, committed: true } : m)),
  });
}

export async function recordMilestone(ctx: MonitoringContext, input: MilestoneInput): Promise<void> {
  const milestones = ctx.snapshot.milestones.map((m) => (m.kind === input.milestone ? { ...m, achievedOn: input.achievedOn } : m));
  const environmental = ctx.schedule.milestones.find((r) => r.kind === input.milestone)?.environmental ?? false;
  // The cluster operates once its technical infrastructure and its mandatory wastewater treatment are both in place.
  const built = ['TECHNICAL_INFRASTRUCTURE', 'WASTEWATER_TREATMENT'].every((k) => milestones.find((m) => m.kind === k)?.achievedOn);
  const stage = ctx.snapshot.stage === 'UNDER_CONSTRUCTION' && built ? 'OPERATING' : undefined;
  await ctx.change(
    input.actor,
    'monitoring.milestone-recorded',
    { milestoneAchieved: { kind: input.milestone, on: input.achievedOn, note: input.note }, ...(environmental ? { environmentalInfrastructureOn: input.achievedOn } : {}), ...(stage ? { stage } : {}), detail: { milestone: input.milestone } },
    { close: [{ id: itemId.milestone(input.milestone), status: 'DONE' }] },
    { milestones },
  );
}

export async function recordReport(ctx: MonitoringContext, input: ReportInput): Promise<void> {
  const occupancy = occupancyOf(ctx.schedule, ctx.state.contact.areaHa, input.tenants);
  const received = { periodEnd: input.periodEnd, on: input.receivedOn, leasedHa: occupancy.leasedHa, occupancyHundredths: occupancy.occupancyHundredths, tenants: occupancy.tenants, note: input.note, low: occupancy.low };
  const lastReport = { periodEnd: input.periodEnd, receivedOn: input.receivedOn, leasedHa: occupancy.leasedHa, occupancyHundredths: occupancy.occupancyHundredths, tenants: occupancy.tenants.length, priorityTenants: occupancy.priorityTenants, low: occupancy.low };
  const newer = !ctx.snapshot.lastReport || ctx.snapshot.lastReport.periodEnd < input.periodEnd;
  await ctx.change(input.actor, 'monitoring.report-recorded', { reportReceived: received, detail: { periodEnd: input.periodEnd, occupancyHundredths: occupancy.occupancyHundredths } }, { close: [{ id: itemId.report(input.periodEnd), status: 'DONE' }] }, newer ? { lastReport } : {});
}

export async function recordInspection(ctx: MonitoringContext, input: InspectionInput): Promise<void> {
  const number = ctx.state.nextInspection;
  const violations: ViolationRecord[] = [];
  const open: AgendaEntry[] = [];
  const views: ViolationView[] = [];
  for (const found of input.violations) {
    const code = `V${ctx.state.nextViolation + violations.length}`;
    const limit = found.remediationDays ? { amount: found.remediationDays, unit: 'calendar-days' as const } : ctx.schedule.remediation;
    const counted = await ctx.deadline(input.inspectedOn, limit);
    violations.push({ number: code, area: input.area, description: found.description, remediationDue: counted.deadline.due });
    open.push(ctx.entry(itemId.remediation(code), 'REMEDIATION', 'APPRAISER', `Khắc phục vi phạm ${code}: ${found.description}`.slice(0, 200), counted));
    views.push({ number: code, inspection: number, area: input.area, description: found.description, remediationDue: counted.deadline.due, step: null });
  }
  const inspection = { number, area: input.area, tenant: input.tenant?.trim() ?? '', kind: input.kind, reason: input.reason?.trim() ?? '', on: input.inspectedOn, findings: input.findings, violations };
  ctx.state = { ...ctx.state, nextInspection: number + 1, nextViolation: ctx.state.nextViolation + violations.length };
  await ctx.change(input.actor, 'monitoring.inspection-recorded', { inspection, detail: { inspection: number, violations: violations.map((v) => v.number) } }, { open }, {
    lastInspections: { ...ctx.snapshot.lastInspections, [inspectionSubject(input.area, input.tenant)]: input.inspectedOn },
    openViolations: [...ctx.snapshot.openViolations, ...views],
  });
  for (const v of violations) await ctx.mailStaff('APPRAISER', (to) => violationMails(ctx.input, ctx.state.contact.investorName, [ctx.state.contact.investorEmail, ...to], v.number, v.description, v.remediationDue));
}

export async function recordRemediation(ctx: MonitoringContext, input: RemediationInput): Promise<void> {
  await ctx.change(
    input.actor,
    'monitoring.violation-remedied',
    { remedied: { violation: input.violation, on: ctx.time.today(), note: input.note } },
    { close: [{ id: itemId.remediation(input.violation), status: 'DONE' }, { id: itemId.escalation(input.violation), status: 'CANCELLED' }] },
    { openViolations: ctx.snapshot.openViolations.filter((v) => v.number !== input.violation) },
  );
}

/** A manager's step on the ladder (or an extension at the same step), with its reason, in the audit trail. */
export async function decideEscalation(ctx: MonitoringContext, input: EscalationInput): Promise<void> {
  const violation = ctx.snapshot.openViolations.find((v) => v.number === input.violation) as ViolationView;
  const today = ctx.time.today();
  const rule = input.outcome === 'ESCALATE' ? nextEscalation(ctx.schedule, violation.step) : null;
  const step = rule?.step ?? violation.step ?? 'WARNING';
  const limit = input.outcome === 'EXTEND' ? ctx.schedule.remediation : rule?.remediation ?? null;
  const counted = limit ? await ctx.deadline(today, limit) : null;
  const remediationDue = counted?.deadline.due ?? null;
  const open = counted ? [ctx.entry(itemId.remediation(violation.number), 'REMEDIATION', 'APPRAISER', `Khắc phục vi phạm ${violation.number} sau ${rule?.name ?? 'gia hạn'}`.slice(0, 200), counted)] : [];
  await ctx.change(
    input.actor,
    `monitoring.escalation-${input.outcome.toLowerCase()}`,
    { escalation: { violation: violation.number, step, measure: input.measure ?? null, outcome: input.outcome, reason: input.reason, by: input.actor, on: today, remediationDue }, detail: { violation: violation.number, step } },
    { close: [{ id: itemId.escalation(violation.number), status: 'DONE' }, ...(counted ? [] : [{ id: itemId.remediation(violation.number), status: 'CANCELLED' as const }])], open },
    { openViolations: ctx.snapshot.openViolations.map((v) => (v.number === violation.number ? { ...v, step, remediationDue } : v)) },
  );
  const stepName = input.outcome === 'EXTEND' ? 'gia hạn khắc phục' : (rule?.name ?? step);
  await ctx.mailStaff('MANAGER', (to) => escalationMails(ctx.input, ctx.state.contact.investorName, [ctx.state.contact.investorEmail, ...to], violation.number, stepName, input.reason, remediationDue));
}

/** Out of the provincial plan: milestones and reports end; a conversion or management plan is due; violations stay tracked. */
export async function withdrawFromPlan(ctx: MonitoringContext, input: WithdrawalInput): Promise<void> {
  const today = ctx.time.today();
  const counted = await ctx.deadline(today, ctx.schedule.conversionPlan.due);
  const title = `Phương án chuyển đổi, quản lý sau khi đưa ra khỏi quy hoạch (theo dõi: ${ctx.schedule.conversionPlan.concerns.join('; ')})`;
  const closing = ctx.snapshot.agenda.filter((e) => e.kind === 'MONITORING_MILESTONE' || e.kind === 'PERIODIC_REPORT').map((e) => ({ id: e.id, status: 'CANCELLED' as const }));
  const withdrawal = { reason: input.reason, on: today, by: input.actor };
  await ctx.change(
    input.actor,
    'monitoring.withdrawn-from-plan',
    { stage: 'WITHDRAWN_FROM_PLAN', cancelOpenMilestones: true, withdrawal: { ...withdrawal, plan: null }, detail: { reason: input.reason } },
    { close: closing, open: [ctx.entry(itemId.conversionPlan(), 'CONVERSION_PLAN', 'APPRAISER', title, counted)] },
    { withdrawal: { ...withdrawal, planRecorded: false }, milestones: ctx.snapshot.milestones.map((m) => (m.achievedOn ? m : { ...m, cancelled: true })) },
  );
}

export async function recordConversionPlan(ctx: MonitoringContext, input: ConversionPlanInput): Promise<void> {
  const w = ctx.snapshot.withdrawal as NonNullable<typeof ctx.snapshot.withdrawal>;
  const plan = { summary: input.summary, by: input.actor, on: ctx.time.today(), tracked: [...ctx.schedule.conversionPlan.concerns, ...input.tracked] };
  await ctx.change(input.actor, 'monitoring.conversion-plan-recorded', { withdrawal: { reason: w.reason, on: w.on, by: w.by, plan } }, { close: [{ id: itemId.conversionPlan(), status: 'DONE' }] }, { withdrawal: { ...w, planRecorded: true } });
}
