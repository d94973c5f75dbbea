/**
 * Monitoring scenarios: a cluster's monitoring workflow started as the round's approval starts it
 * (the investor's dossier and round put in the read model directly), with a schedule of short
 * limits so that, one virtual day lasting under a second, milestones lapse and violations escalate
 * within a test.
 */
import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { CIRCULAR_14_2024_MONITORING } from '../../../domain/rules/monitoring-schedules';
import type { MonitoringSchedule } from '../../../domain';
import { clusterMonitoringWorkflowId, clusterSnapshotQuery, type ClusterMonitoringInput, type ClusterSnapshot } from '../../../workflows/monitoring/api';
import type { clusterMonitoringWorkflow } from '../../../workflows/monitoring/workflow';
import type { PrismaClient } from '../../../generated/prisma/client';
import { prefixOf } from './round-support';
import type { WorkflowStack } from './support';

export type MonitoringHandle = WorkflowHandle<typeof clusterMonitoringWorkflow>;

/** The released schedule with limits of days instead of months and years (the services rules keep their 5 WD). */
export const SHORT_SCHEDULE: MonitoringSchedule = {
  ...CIRCULAR_14_2024_MONITORING,
  id: 'monitoring-test-short',
  milestones: CIRCULAR_14_2024_MONITORING.milestones.map((m) =>
    m.kind === 'SERVICES_RULES' ? m : { ...m, limit: { amount: 400, unit: 'calendar-days' } },
  ),
  reminderWorkingDaysBefore: 2,
  reports: { ...CIRCULAR_14_2024_MONITORING.reports, periodMonths: 1, due: { amount: 3, unit: 'calendar-days' } },
  remediation: { amount: 3, unit: 'calendar-days' },
  escalationDecision: { amount: 2, unit: 'working-days' },
  escalation: CIRCULAR_14_2024_MONITORING.escalation.map((e) => (e.remediation ? { ...e, remediation: { amount: 3, unit: 'calendar-days' as const } } : e)),
};

/** The approved investor's dossier and its decided round, as the round would have left them. */
export async function seedApprovedDossier(prisma: PrismaClient, clusterCode: string, email: string): Promise<{ dossierCode: string; roundCode: string }> {
  const suffix = randomBytes(4).toString('hex').toUpperCase();
  const cluster = await prisma.cluster.findUniqueOrThrow({ where: { code: clusterCode } });
  const roundCode = `${clusterCode}-R1`;
  const round = await prisma.selectionRound.upsert({
    where: { code: roundCode },
    create: { code: roundCode, number: 1, clusterId: cluster.id, ruleSetId: 'decree-303-2026', openedOn: new Date('2027-01-04T00:00:00Z'), status: 'DECIDED' },
    update: {},
  });
  const applicant = await prisma.applicant.create({ data: { name: `Công ty CP Hạ tầng ${suffix}`, taxCode: `13${String(parseInt(suffix, 16) % 100_000_000).padStart(8, '0')}`, contactEmail: email } });
  const dossierCode = `CCN-M${suffix.slice(0, 4)}-${suffix.slice(4)}X`;
  await prisma.dossier.create({
    data: { code: dossierCode, projectTitle: `Hạ tầng CCN ${clusterCode}`, roundId: round.id, clusterId: cluster.id, applicantId: applicant.id, ruleSetId: 'decree-303-2026', filedOn: new Date('2027-01-04T00:00:00Z'), stage: 'MONITORING', status: 'APPROVED' },
  });
  return { dossierCode, roundCode };
}

export async function startMonitoring(
  stack: WorkflowStack,
  options: { clusterCode: string; decidedOn: string; msPerDay: number; schedule?: MonitoringSchedule; historyLimit?: number; email?: string },
): Promise<{ handle: MonitoringHandle; input: ClusterMonitoringInput }> {
  const { dossierCode, roundCode } = await seedApprovedDossier(stack.prisma, options.clusterCode, options.email ?? 'investor@example.vn');
  const input: ClusterMonitoringInput = {
    clusterCode: options.clusterCode,
    roundCode,
    dossierCode,
    decidedOn: options.decidedOn,
    decidedBy: 'manager',
    schedule: options.schedule ?? SHORT_SCHEDULE,
    msPerDay: options.msPerDay,
    ...(options.historyLimit ? { historyLimit: options.historyLimit } : {}),
  };
  const handle = await stack.temporal.workflow.start<typeof clusterMonitoringWorkflow>('clusterMonitoringWorkflow', {
    workflowId: clusterMonitoringWorkflowId(prefixOf(stack), options.clusterCode),
    taskQueue: stack.taskQueue,
    args: [input],
  });
  return { handle, input };
}

export async function waitForCluster(handle: MonitoringHandle, predicate: (s: ClusterSnapshot) => boolean, timeoutMs = 60_000): Promise<ClusterSnapshot> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const snapshot = await handle.query(clusterSnapshotQuery);
    if (predicate(snapshot)) return snapshot;
    if (Date.now() > until) throw new Error(`cluster condition not reached in ${timeoutMs} ms: ${JSON.stringify(snapshot)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
