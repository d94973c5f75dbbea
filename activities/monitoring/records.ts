import { appendAudit, type AuditRecord } from '../../db/audit';
import { dbDate } from '../../db/dates';
import type { Deadline, EscalationStep, InspectionArea, InspectionKind, IsoDate, MilestoneKind, MonitoringStage, RevocationMeasure } from '../../domain';
import type { Prisma } from '../../generated/prisma/client';
import type { ActivityDeps } from '../deps';

const json = (value: unknown) => value as Prisma.InputJsonValue;

/**
 * Every monitored cluster wakes on the same days (reporting periods end on 30/6 and 31/12 for all of
 * them; a restarted worker resumes them together), and hundreds of these transactions then queue for
 * the pool's connections. Waiting there is normal: Prisma's default 2 s wait failed them (P2028) and
 * their retries lengthened the queue. Both bounds stay under the activity's 30 s.
 */
const MONITORING_TRANSACTION = { maxWait: 15_000, timeout: 10_000 };

export interface MonitoringStartedRecord {
  clusterCode: string;
  roundCode: string;
  dossierCode: string;
  scheduleId: string;
  decidedOn: IsoDate;
  actor: string;
}

/** What the workflow needs of the read model once: the cluster's area (occupancy) and where the investor's mail goes. */
export interface MonitoringStartedResult {
  areaHa: number;
  investorEmail: string;
  investorName: string;
}

/** The cluster enters monitoring (once: a retry or a continued run finds its row). */
export async function recordMonitoringStarted(deps: ActivityDeps, record: MonitoringStartedRecord): Promise<MonitoringStartedResult> {
  const dossier = await deps.prisma.dossier.findUniqueOrThrow({ where: { code: record.dossierCode }, include: { applicant: true, cluster: true } });
  await deps.prisma.$transaction(async (tx) => {
    if (await tx.monitoredCluster.findUnique({ where: { clusterId: dossier.clusterId }, select: { id: true } })) return;
    const row = await tx.monitoredCluster.create({
      data: { clusterId: dossier.clusterId, dossierId: dossier.id, roundCode: record.roundCode, scheduleId: record.scheduleId, decidedOn: dbDate(record.decidedOn), stage: 'UNDER_CONSTRUCTION', version: 0 },
    });
    await appendAudit(tx, { actor: record.actor, action: 'monitoring.started', entityType: 'MonitoredCluster', entityId: row.id, dossierCode: record.dossierCode, newValue: { ...record } });
  }, MONITORING_TRANSACTION);
  return { areaHa: Number(dossier.cluster.areaHa), investorEmail: dossier.applicant.contactEmail, investorName: dossier.applicant.name };
}

export type MonitoringTaskKind = 'MONITORING_MILESTONE' | 'PERIODIC_REPORT' | 'REMEDIATION' | 'ESCALATION_DECISION' | 'CONVERSION_PLAN';

/** A task of the cluster in the inbox, named by the workflow's agenda item it stands for. */
export interface MonitoringTaskRow {
  item: string;
  kind: MonitoringTaskKind;
  role: 'APPRAISER' | 'MANAGER';
  due: IsoDate;
  title: string;
}

export interface ViolationRecord {
  number: string;
  area: InspectionArea;
  description: string;
  remediationDue: IsoDate;
}

export interface EscalationRecord {
  step: EscalationStep;
  measure: RevocationMeasure | null;
  outcome: 'ESCALATE' | 'EXTEND';
  reason: string;
  by: string;
  on: IsoDate;
  remediationDue: IsoDate | null;
}

/** A due date counted again after a calendar change: the open task and the row the item stands for follow it. */
export interface RescheduledItem {
  item: string;
  previousDue: IsoDate;
  deadline: Deadline;
  /** The row the item stands for besides its task, if any. */
  milestone?: MilestoneKind;
  reportPeriodEnd?: IsoDate;
  violation?: string;
}

/**
 * One state change of a monitored cluster: whatever it records (milestone, report, inspection and
 * its violations, an escalation step, the withdrawal), the cluster's tasks that close and open, and
 * the audit record, in one transaction. Idempotent by version: a retried activity changes nothing.
 */
export interface MonitoringChange {
  clusterCode: string;
  actor: string;
  action: string;
  version: number;
  stage?: MonitoringStage;
  openTasks?: MonitoringTaskRow[];
  closeTasks?: { item: string; status: 'DONE' | 'CANCELLED' }[];
  milestones?: { kind: MilestoneKind; deadline: Deadline; committed: boolean }[];
  milestoneAchieved?: { kind: MilestoneKind; on: IsoDate; note: string };
  cancelOpenMilestones?: boolean;
  reportDue?: { periodEnd: IsoDate; due: IsoDate };
  reportReceived?: { periodEnd: IsoDate; on: IsoDate; leasedHa: number; occupancyHundredths: number; tenants: unknown[]; note: string; low: boolean };
  environmentalInfrastructureOn?: IsoDate;
  inspection?: { number: number; area: InspectionArea; tenant: string; kind: InspectionKind; reason: string; on: IsoDate; findings: string; violations: ViolationRecord[] };
  escalation?: { violation: string } & EscalationRecord;
  remedied?: { violation: string; on: IsoDate; note: string };
  withdrawal?: { reason: string; on: IsoDate; by: string; plan: { summary: string; by: string; on: IsoDate; tracked: string[] } | null };
  /** Due dates recounted after the administrator changed these days of the working-day calendar. */
  rescheduled?: { changedDays: IsoDate[]; items: RescheduledItem[] };
  /** The item whose due date passed (managers told): its open task is marked overdue, which the cluster list's `late` filter reads. */
  overdueItem?: string;
  detail?: Record<string, unknown>;
}

export async function recordMonitoringChange(deps: ActivityDeps, change: MonitoringChange): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    const cluster = await tx.monitoredCluster.findFirstOrThrow({ where: { cluster: { code: change.clusterCode } }, include: { dossier: { select: { code: true } } } });
    if (cluster.version >= change.version) return;
    const audits: AuditRecord[] = [];
    const audit = (action: string, entityType: string, entityId: string, newValue: unknown, oldValue?: unknown) =>
      audits.push({ actor: change.actor, action, entityType, entityId, dossierCode: cluster.dossier.code, oldValue, newValue: { clusterCode: change.clusterCode, ...(newValue as object) } });
    const where = { monitoredClusterId: cluster.id };

    await tx.monitoredCluster.update({
      where: { id: cluster.id },
      data: {
        version: change.version,
        ...(change.stage ? { stage: change.stage } : {}),
        ...(change.environmentalInfrastructureOn ? { environmentalInfrastructureOn: dbDate(change.environmentalInfrastructureOn) } : {}),
        ...(change.reportReceived ? { leasedHa: change.reportReceived.leasedHa, occupancyHundredths: change.reportReceived.occupancyHundredths, lowOccupancy: change.reportReceived.low } : {}),
        ...(change.withdrawal ? { withdrawnOn: dbDate(change.withdrawal.on), withdrawal: json(change.withdrawal) } : {}),
      },
    });
    audit(change.action, 'MonitoredCluster', cluster.id, { stage: change.stage ?? cluster.stage, version: change.version, ...change.detail }, { stage: cluster.stage, version: cluster.version });

    for (const m of change.milestones ?? []) {
      const data = { dueOn: dbDate(m.deadline.due), deadline: json({ ...m.deadline, committed: m.committed }) };
      await tx.clusterMilestone.upsert({ where: { monitoredClusterId_kind: { monitoredClusterId: cluster.id, kind: m.kind } }, create: { ...where, kind: m.kind, ...data }, update: data });
      audit('deadline.changed', 'MonitoredCluster', cluster.id, { name: `milestone:${m.kind}`, committed: m.committed, ...m.deadline });
    }
    if (change.milestoneAchieved) {
      const { kind, on, note } = change.milestoneAchieved;
      await tx.clusterMilestone.update({ where: { monitoredClusterId_kind: { monitoredClusterId: cluster.id, kind } }, data: { achievedOn: dbDate(on), recordedBy: change.actor, note } });
    }
    if (change.cancelOpenMilestones) await tx.clusterMilestone.updateMany({ where: { ...where, achievedOn: null }, data: { cancelled: true } });
    if (change.reportDue) {
      const { periodEnd, due } = change.reportDue;
      await tx.clusterReport.upsert({ where: { monitoredClusterId_periodEnd: { monitoredClusterId: cluster.id, periodEnd: dbDate(periodEnd) } }, create: { ...where, periodEnd: dbDate(periodEnd), dueOn: dbDate(due) }, update: {} });
    }
    if (change.reportReceived) {
      const r = change.reportReceived;
      const data = { receivedOn: dbDate(r.on), recordedBy: change.actor, leasedHa: r.leasedHa, occupancyHundredths: r.occupancyHundredths, tenants: json(r.tenants), note: r.note };
      await tx.clusterReport.update({ where: { monitoredClusterId_periodEnd: { monitoredClusterId: cluster.id, periodEnd: dbDate(r.periodEnd) } }, data });
    }
    if (change.inspection) {
      const i = change.inspection;
      const inspection = await tx.clusterInspection.create({
        data: { ...where, number: i.number, area: i.area, tenant: i.tenant, kind: i.kind, reason: i.reason, inspectedOn: dbDate(i.on), findings: i.findings, recordedBy: change.actor },
      });
      audit('inspection.recorded', 'ClusterInspection', inspection.id, { ...i });
      for (const v of i.violations) {
        const violation = await tx.clusterViolation.create({ data: { ...where, inspectionId: inspection.id, number: v.number, area: v.area, description: v.description, remediationDueOn: dbDate(v.remediationDue) } });
        audit('violation.opened', 'ClusterViolation', violation.id, { ...v });
      }
    }
    if (change.escalation) {
      const { violation: number, ...step } = change.escalation;
      const violation = await tx.clusterViolation.findUniqueOrThrow({ where: { monitoredClusterId_number: { monitoredClusterId: cluster.id, number } } });
      await tx.clusterViolation.update({
        where: { id: violation.id },
        data: { step: step.step, steps: json([...(violation.steps as unknown[]), step]), ...(step.remediationDue ? { remediationDueOn: dbDate(step.remediationDue) } : {}) },
      });
      audit(`escalation.${step.outcome.toLowerCase()}`, 'ClusterViolation', violation.id, { number, ...step }, { step: violation.step });
    }
    if (change.remedied) {
      const violation = await tx.clusterViolation.findUniqueOrThrow({ where: { monitoredClusterId_number: { monitoredClusterId: cluster.id, number: change.remedied.violation } } });
      await tx.clusterViolation.update({ where: { id: violation.id }, data: { status: 'REMEDIED', remediedOn: dbDate(change.remedied.on) } });
      audit('violation.remedied', 'ClusterViolation', violation.id, { ...change.remedied });
    }

    for (const r of change.rescheduled?.items ?? []) {
      const due = dbDate(r.deadline.due);
      await tx.task.updateMany({ where: { dossierId: cluster.dossierId, status: 'OPEN', payload: { path: ['item'], equals: r.item } }, data: { dueOn: due } });
      if (r.milestone) {
        const key = { monitoredClusterId_kind: { monitoredClusterId: cluster.id, kind: r.milestone } };
        const row = await tx.clusterMilestone.findUniqueOrThrow({ where: key });
        await tx.clusterMilestone.update({ where: key, data: { dueOn: due, deadline: json({ ...r.deadline, committed: (row.deadline as { committed?: boolean } | null)?.committed ?? false }) } });
      }
      if (r.reportPeriodEnd) await tx.clusterReport.update({ where: { monitoredClusterId_periodEnd: { monitoredClusterId: cluster.id, periodEnd: dbDate(r.reportPeriodEnd) } }, data: { dueOn: due } });
      if (r.violation) await tx.clusterViolation.update({ where: { monitoredClusterId_number: { monitoredClusterId: cluster.id, number: r.violation } }, data: { remediationDueOn: due } });
      audit('deadline.changed', 'MonitoredCluster', cluster.id, { name: r.item, ...r.deadline, cause: 'calendar-change', changedDays: change.rescheduled?.changedDays }, { name: r.item, due: r.previousDue });
    }
    for (const close of change.closeTasks ?? []) {
      const tasks = await tx.task.findMany({ where: { dossierId: cluster.dossierId, status: 'OPEN', payload: { path: ['item'], equals: close.item } }, select: { id: true } });
      for (const task of tasks) {
        await tx.task.update({ where: { id: task.id }, data: { status: close.status, version: { increment: 1 }, completedAt: new Date() } });
        audit(close.status === 'DONE' ? 'task.done' : 'task.cancelled', 'Task', task.id, { item: close.item });
      }
    }
    if (change.overdueItem) {
      const late = await tx.task.findMany({ where: { dossierId: cluster.dossierId, status: 'OPEN', payload: { path: ['item'], equals: change.overdueItem } } });
      for (const task of late) await tx.task.update({ where: { id: task.id }, data: { payload: json({ ...(task.payload as object), overdue: true }) } });
    }
    // In one statement however many open (the opening has five): fewer round trips while holding a pooled connection.
    const opening = change.openTasks ?? [];
    if (opening.length > 0) {
      const created = await tx.task.createManyAndReturn({
        data: opening.map((task) => ({ dossierId: cluster.dossierId, kind: task.kind, role: task.role, dueOn: dbDate(task.due), version: 1, payload: json({ item: task.item, title: task.title, clusterCode: change.clusterCode }) })),
        select: { id: true, payload: true },
      });
      const byItem = new Map(created.map((t) => [(t.payload as { item: string }).item, t.id]));
      for (const task of opening) audit('task.opened', 'Task', byItem.get(task.item) as string, { kind: task.kind, item: task.item, due: task.due });
    }
    await appendAudit(tx, ...audits);
  }, MONITORING_TRANSACTION);
}
