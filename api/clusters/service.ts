import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { isoDateOf } from '../../db/dates';
import { compareDates, daysBetween, MONITORING_TASK_KINDS, monitoringScheduleById, type EscalationStep, type InspectionArea, type IsoDate, type MilestoneKind, type MonitoringStage, type SkippedDay } from '../../domain';
import type { Prisma } from '../../generated/prisma/client';
import { clusterMonitoringWorkflowId } from '../../workflows/monitoring/api';
import type { ApiDeps } from '../deps';
import { conflict, notFound, unprocessable } from '../http/problem';
import type { ClusterListQuery, ClusterSummary, ClusterView } from './schemas';

const include = {
  cluster: true,
  dossier: { select: { id: true, code: true, applicant: { select: { name: true } } } },
  milestones: true,
  reports: { orderBy: { periodEnd: 'desc' } },
  violations: { orderBy: { number: 'asc' } },
} satisfies Prisma.MonitoredClusterInclude;

type Row = Prisma.MonitoredClusterGetPayload<{ include: typeof include }>;

const percent = (hundredths: number | null) => (hundredths === null ? null : hundredths / 100);
const date = (d: Date | null) => (d ? isoDateOf(d) : null);

function reportView(r: Row['reports'][number]) {
  return {
    periodEnd: isoDateOf(r.periodEnd),
    dueOn: isoDateOf(r.dueOn),
    receivedOn: date(r.receivedOn),
    leasedHa: r.leasedHa === null ? null : Number(r.leasedHa),
    occupancyPercent: percent(r.occupancyHundredths),
    tenants: r.tenants as ClusterView['reports'][number]['tenants'],
  };
}

function violationView(v: Row['violations'][number]) {
  return { number: v.number, area: v.area as InspectionArea, description: v.description, status: v.status, remediationDueOn: isoDateOf(v.remediationDueOn), step: v.step as EscalationStep | null, steps: v.steps as unknown[] };
}

/** A cluster as managers see it: `late` comes from the workflow's own overdue notices, so it holds on the training clock too. */
function summary(row: Row, lateClusters: Set<string>, today: IsoDate): ClusterSummary {
  const schedule = monitoringScheduleById(row.scheduleId);
  const open = row.violations.filter((v) => v.status === 'OPEN');
  const latest = row.reports.find((r) => r.receivedOn);
  const order = schedule?.milestones.map((m) => m.kind as string) ?? [];
  return {
    code: row.cluster.code,
    name: row.cluster.name,
    district: row.cluster.district,
    areaHa: Number(row.cluster.areaHa),
    stage: row.stage as MonitoringStage,
    version: row.version,
    decidedOn: isoDateOf(row.decidedOn),
    roundCode: row.roundCode,
    investor: { name: row.dossier.applicant.name, dossierCode: row.dossier.code },
    milestones: [...row.milestones]
      .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
      .map((m) => {
        const due = isoDateOf(m.dueOn);
        const until = date(m.achievedOn) ?? today;
        const deadline = m.deadline as { committed?: boolean; skipped?: SkippedDay[] };
        return {
          kind: m.kind as MilestoneKind,
          name: schedule?.milestones.find((r) => r.kind === m.kind)?.name ?? m.kind,
          dueOn: due,
          committed: deadline.committed === true,
          achievedOn: date(m.achievedOn),
          cancelled: m.cancelled,
          daysLate: !m.cancelled && compareDates(until, due) > 0 ? daysBetween(due, until) : 0,
          skipped: deadline.skipped ?? [],
        };
      }),
    latestReport: latest ? reportView(latest) : null,
    occupancyPercent: percent(row.occupancyHundredths),
    openViolations: open.map(violationView),
    environmentalInfrastructureOn: date(row.environmentalInfrastructureOn),
    late: lateClusters.has(row.dossier.id),
    polluting: open.some((v) => v.area === 'ENVIRONMENT'),
    lowOccupancy: row.lowOccupancy,
  };
}

/** Dossier ids (the investors' dossiers) whose monitoring has an open task past its due date. */
async function lateDossiers(deps: Pick<ApiDeps, 'prisma'>, dossierIds: string[]): Promise<Set<string>> {
  const tasks = await deps.prisma.task.findMany({ where: { dossierId: { in: dossierIds }, status: 'OPEN', payload: { path: ['overdue'], equals: true } }, select: { dossierId: true } });
  return new Set(tasks.map((t) => t.dossierId as string));
}

export async function listClusters(deps: Pick<ApiDeps, 'prisma'>, query: ClusterListQuery, today: IsoDate): Promise<ClusterSummary[]> {
  const where: Prisma.MonitoredClusterWhereInput = {
    ...(query.stage ? { stage: query.stage } : {}),
    ...(query.polluting !== undefined ? { violations: query.polluting ? { some: { status: 'OPEN', area: 'ENVIRONMENT' } } : { none: { status: 'OPEN', area: 'ENVIRONMENT' } } } : {}),
    ...(query.lowOccupancy !== undefined ? { lowOccupancy: query.lowOccupancy } : {}),
    ...(query.withoutEnvironmentalInfrastructure !== undefined ? { environmentalInfrastructureOn: query.withoutEnvironmentalInfrastructure ? null : { not: null } } : {}),
  };
  const rows = await deps.prisma.monitoredCluster.findMany({ where, include, orderBy: { cluster: { code: 'asc' } }, take: 1_000 });
  const late = await lateDossiers(deps, rows.map((r) => r.dossierId));
  return rows.filter((r) => query.late === undefined || late.has(r.dossierId) === query.late).map((r) => summary(r, late, today));
}

export async function getCluster(deps: Pick<ApiDeps, 'prisma'>, code: string, today: IsoDate): Promise<ClusterView> {
  const row = await deps.prisma.monitoredCluster.findFirst({ where: { cluster: { code } }, include: { ...include, inspections: { orderBy: { number: 'asc' } } } });
  if (!row) throw notFound(`Cụm công nghiệp ${code} chưa được theo dõi (chưa có quyết định chấp thuận chủ đầu tư). Danh sách: GET /api/clusters.`);
  const [late, tasks, events] = await Promise.all([
    lateDossiers(deps, [row.dossierId]),
    deps.prisma.task.findMany({ where: { dossierId: row.dossierId, kind: { in: [...MONITORING_TASK_KINDS] } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    deps.prisma.auditEvent.findMany({ where: { entityType: { in: ['MonitoredCluster', 'ClusterInspection', 'ClusterViolation'] }, dossierCode: row.dossier.code }, orderBy: { id: 'asc' }, take: 500 }),
  ]);
  return {
    ...summary(row, late, today),
    scheduleId: row.scheduleId,
    reports: row.reports.map(reportView),
    inspections: row.inspections.map((i) => ({ number: i.number, area: i.area, tenant: i.tenant, kind: i.kind, reason: i.reason, inspectedOn: isoDateOf(i.inspectedOn), findings: i.findings, by: i.recordedBy })),
    violations: row.violations.map(violationView),
    tasks: tasks.map((t) => {
      const payload = t.payload as { item?: string; title?: string; overdue?: boolean };
      return { taskId: t.id, kind: t.kind, item: payload.item ?? '', title: payload.title ?? '', role: t.role, status: t.status, dueOn: date(t.dueOn), overdue: payload.overdue === true };
    }),
    withdrawal: row.withdrawal ?? null,
    timeline: events.map((e) => ({ at: e.occurredAt.toISOString(), actor: e.actor, action: e.action, newValue: e.newValue })),
  };
}

/** 404 before anything reaches Temporal: only a monitored cluster has a workflow to act on. */
export async function requireMonitored(deps: Pick<ApiDeps, 'prisma'>, code: string): Promise<void> {
  if (!(await deps.prisma.monitoredCluster.count({ where: { cluster: { code } } }))) {
    throw notFound(`Cụm công nghiệp ${code} chưa được theo dõi (chưa có quyết định chấp thuận chủ đầu tư). Danh sách: GET /api/clusters.`);
  }
}

const CONFLICTS = new Set(['StaleVersion', 'Busy']);

/** Sends an action to the cluster's monitoring workflow as an Update; a refusal of its validator becomes a problem document. */
export async function forwardToCluster<Arg>(deps: Pick<ApiDeps, 'temporal' | 'config'>, code: string, update: UpdateDefinition<unknown, [Arg]>, arg: Arg, updateId?: string): Promise<void> {
  try {
    await deps.temporal.workflow.getHandle(clusterMonitoringWorkflowId(deps.config.WORKFLOW_ID_PREFIX, code)).executeUpdate(update, { args: [arg], ...(updateId ? { updateId } : {}) });
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      const reason = error.cause.type ?? 'Refused';
      if (CONFLICTS.has(reason)) throw conflict(error.cause.message, { reason });
      throw unprocessable(error.cause.message, { reason });
    }
    throw error;
  }
}
