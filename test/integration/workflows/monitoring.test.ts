import { addDays } from '../../../domain';
import {
  decideEscalationUpdate,
  recordCommitmentsUpdate,
  recordInspectionUpdate,
  recordReportUpdate,
  type ClusterSnapshot,
} from '../../../workflows/monitoring/api';
import { startMonitoring, waitForCluster } from './monitoring-support';
import { createWorkflowStack, type WorkflowStack } from './support';

/**
 * One virtual day every 2.5 s: opening the cluster (a handful of activities) must stay well inside the
 * days before the first reminder even on a loaded 2-core machine. A month passes in about 75 s.
 */
const MS_PER_DAY = 2_500;
jest.setTimeout(400_000);
const DECIDED_ON = '2027-03-22';
const INVESTOR = 'chu.dau.tu@example.vn';
const MANAGER = 'manager@demo.ccn.invalid';

describe('a monitored cluster as a long-lived workflow (scaled time)', () => {
  let stack: WorkflowStack;

  beforeAll(async () => {
    stack = await createWorkflowStack('wf-monitoring');
  });
  afterAll(() => stack.close());

  it('reminds then escalates a missed milestone, takes a report, and follows an unremedied violation up to the revocation proposal across a worker restart', async () => {
    const { handle, input } = await startMonitoring(stack, { clusterCode: 'DH-HIEP-HOA-2', decidedOn: DECIDED_ON, msPerDay: MS_PER_DAY, email: INVESTOR });
    let s = await waitForCluster(handle, (x) => x.version >= 1);
    expect(s.milestones.map((m) => [m.kind, m.deadline.due])).toEqual([
      ['SERVICES_RULES', '2027-03-29'],
      ['LAND_HANDOVER', '2028-04-25'],
      ['CONSTRUCTION_START', '2028-04-25'],
      ['WASTEWATER_TREATMENT', '2028-04-25'],
      ['TECHNICAL_INFRASTRUCTURE', '2028-04-25'],
    ]);
    const row = await stack.prisma.monitoredCluster.findFirstOrThrow({ where: { cluster: { code: 'DH-HIEP-HOA-2' } }, include: { milestones: true } });
    expect(row).toMatchObject({ stage: 'UNDER_CONSTRUCTION', scheduleId: 'monitoring-test-short' });
    expect(row.milestones).toHaveLength(5);
    expect(await stack.prisma.task.count({ where: { dossier: { code: input.dossierCode }, kind: 'MONITORING_MILESTONE', status: 'OPEN' } })).toBe(5);

    // The investor's proposal committed the services rules a week from (the cluster's) today: DOIT records it.
    const committed = addDays(s.today as string, 7);
    s = await handle.executeUpdate(recordCommitmentsUpdate, { args: [{ actor: 'appraiser', dates: { SERVICES_RULES: committed } }] });
    expect(s.milestones[0]).toMatchObject({ committed: true });
    const due = s.milestones[0]?.deadline.due as string;
    expect(due >= committed).toBe(true);
    // Not recorded by then: the investor is reminded two working days before, then the managers are told.
    await stack.smtp.waitFor((m) => m.to.includes(INVESTOR) && m.subject.includes('Nhắc hạn') && m.subject.includes('quy chế'), 1, 120_000);
    await stack.smtp.waitFor((m) => m.to.includes(MANAGER) && m.subject.includes('Quá hạn') && m.subject.includes('quy chế'), 1, 120_000);
    s = await waitForCluster(handle, (x) => x.agenda.some((e) => e.id === 'milestone:SERVICES_RULES' && e.overdueNotified), 120_000);
    const servicesTask = await stack.prisma.task.findFirstOrThrow({ where: { dossier: { code: input.dossierCode }, status: 'OPEN', payload: { path: ['item'], equals: 'milestone:SERVICES_RULES' } } });
    expect(servicesTask.payload).toMatchObject({ overdue: true });
    // One overdue notice for the committed due date (the decision's own date may have passed first while the cluster opened).
    const notices = await stack.prisma.auditEvent.findMany({ where: { action: 'monitoring.overdue', dossierCode: input.dossierCode, newValue: { path: ['item'], equals: 'milestone:SERVICES_RULES' } } });
    expect(notices.filter((n) => (n.newValue as { due?: string }).due === due)).toHaveLength(1);

    // The month's report opens once the period ends (31/3), and DOIT records it: priority sectors flagged, occupancy low.
    s = await waitForCluster(handle, (x) => x.agenda.some((e) => e.id === 'report:2027-03-31'), 120_000);
    const reportItem = (x: ClusterSnapshot) => x.agenda.find((e) => e.id === 'report:2027-03-31');
    await expect(handle.executeUpdate(recordReportUpdate, { args: [{ actor: 'appraiser', periodEnd: '2027-02-28', receivedOn: DECIDED_ON, tenants: [], note: '' }] })).rejects.toMatchObject({ cause: { type: 'NoReportDue' } });
    s = await handle.executeUpdate(recordReportUpdate, {
      args: [{ actor: 'appraiser', periodEnd: '2027-03-31', receivedOn: '2027-04-01', note: 'Báo cáo quý I', tenants: [{ name: 'Công ty Điện tử A', sector: 'ELECTRONICS', leasedHa: 10 }, { name: 'Công ty Dệt B', sector: 'TEXTILE', leasedHa: 5 }] }],
    });
    expect(reportItem(s)).toBeUndefined();
    expect(s.lastReport).toMatchObject({ periodEnd: '2027-03-31', leasedHa: 15, occupancyHundredths: 2000, tenants: 2, priorityTenants: 1, low: true });
    const report = await stack.prisma.clusterReport.findFirstOrThrow({ where: { monitoredClusterId: row.id, periodEnd: new Date('2027-03-31T00:00:00Z') } });
    expect(report.tenants).toEqual([
      { name: 'Công ty Điện tử A', sector: 'ELECTRONICS', leasedHa: 10, priority: true },
      { name: 'Công ty Dệt B', sector: 'TEXTILE', leasedHa: 5, priority: false },
    ]);
    expect(await stack.prisma.monitoredCluster.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ occupancyHundredths: 2000, lowOccupancy: true });

    // An environmental inspection finds a violation; a second scheduled one within the year is refused, an ad-hoc one needs its reason.
    // The report's period opened on 1/4, so the cluster's today is at least that day.
    const inspectedOn = '2027-04-01';
    s = await handle.executeUpdate(recordInspectionUpdate, {
      args: [{ actor: 'appraiser', area: 'ENVIRONMENT', kind: 'SCHEDULED', inspectedOn, findings: 'Nước thải xả trực tiếp ra kênh.', violations: [{ description: 'Xả nước thải chưa qua xử lý', remediationDays: 2 }] }],
    });
    expect(s.openViolations).toEqual([expect.objectContaining({ number: 'V1', area: 'ENVIRONMENT', step: null })]);
    await expect(handle.executeUpdate(recordInspectionUpdate, { args: [{ actor: 'appraiser', area: 'ENVIRONMENT', kind: 'SCHEDULED', inspectedOn, findings: 'x', violations: [] }] })).rejects.toMatchObject({ cause: { type: 'TooSoon' } });
    await expect(handle.executeUpdate(recordInspectionUpdate, { args: [{ actor: 'appraiser', area: 'ENVIRONMENT', kind: 'AD_HOC', inspectedOn, findings: 'x', violations: [] }] })).rejects.toMatchObject({ cause: { type: 'NoReason' } });
    await expect(handle.executeUpdate(decideEscalationUpdate, { args: [{ actor: 'manager', violation: 'V1', outcome: 'ESCALATE', reason: 'Chưa khắc phục' }] })).rejects.toMatchObject({ cause: { type: 'NotDue' } });

    // The worker stops while the remediation lapses; the next one picks up where it was, nothing lost or repeated.
    await stack.stopWorker();
    await new Promise((r) => setTimeout(r, 4 * MS_PER_DAY));
    await stack.startWorker();

    const climb = async (step: string, measure?: 'REVOKE_DECISION') => {
      await waitForCluster(handle, (x) => x.agenda.some((e) => e.id === 'escalation:V1'), 120_000);
      const after = await handle.executeUpdate(decideEscalationUpdate, { args: [{ actor: 'manager', violation: 'V1', outcome: 'ESCALATE', reason: `Không khắc phục đúng hạn: ${step}`, ...(measure ? { measure } : {}) }] });
      expect(after.openViolations.find((v) => v.number === 'V1')?.step).toBe(step);
      return after;
    };
    await climb('WARNING');
    await climb('PENALTY_PROPOSAL');
    await waitForCluster(handle, (x) => x.agenda.some((e) => e.id === 'escalation:V1'), 120_000);
    await expect(handle.executeUpdate(decideEscalationUpdate, { args: [{ actor: 'manager', violation: 'V1', outcome: 'ESCALATE', reason: 'Đề xuất thu hồi' }] })).rejects.toMatchObject({ cause: { type: 'Missing' } });
    s = await climb('REVOCATION_PROPOSAL', 'REVOKE_DECISION');
    // The top of the ladder: nothing more is due, the violation stays open (polluting) until remedied.
    expect(s.agenda.some((e) => e.id === 'remediation:V1' || e.id === 'escalation:V1')).toBe(false);

    const violation = await stack.prisma.clusterViolation.findFirstOrThrow({ where: { monitoredClusterId: row.id, number: 'V1' } });
    expect(violation).toMatchObject({ status: 'OPEN', step: 'REVOCATION_PROPOSAL', area: 'ENVIRONMENT' });
    expect((violation.steps as { step: string; by: string; reason: string }[]).map((x) => [x.step, x.by])).toEqual([
      ['WARNING', 'manager'],
      ['PENALTY_PROPOSAL', 'manager'],
      ['REVOCATION_PROPOSAL', 'manager'],
    ]);
    expect(await stack.prisma.auditEvent.count({ where: { action: 'escalation.escalate', dossierCode: input.dossierCode } })).toBe(3);
    await stack.smtp.waitFor((m) => m.to.includes(INVESTOR) && m.subject.includes('thu hồi quyết định'), 1, 120_000);
    // Every mail went out once: the outbox holds one row per message, and SMTP saw each once.
    const sent = stack.smtp.messages.filter((m) => m.subject.includes('[CCN DH-HIEP-HOA-2]'));
    const keys = sent.map((m) => `${m.to.join(',')}|${m.subject}|${m.text}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(sent.length).toBe(await stack.prisma.mailOutbox.count({ where: { dossierCode: input.dossierCode, sentAt: { not: null } } }));
    await handle.terminate('kết thúc kịch bản thử');
  });

  it('continues as new with its whole state once its history is long, and keeps taking actions', async () => {
    const { handle } = await startMonitoring(stack, { clusterCode: 'TTH-TAN-BINH', decidedOn: DECIDED_ON, msPerDay: 300, historyLimit: 150 });
    const first = await handle.describe();
    let s = await waitForCluster(handle, (x) => x.run >= 3, 90_000);
    const later = await handle.describe();
    expect(later.runId).not.toBe(first.runId);
    // The state crossed the runs: the milestones, the overdue services rules, the reports opened every month.
    expect(s.milestones).toHaveLength(5);
    expect(s.agenda.find((e) => e.id === 'milestone:SERVICES_RULES')).toMatchObject({ overdueNotified: true });
    expect(s.agenda.filter((e) => e.kind === 'PERIODIC_REPORT').length).toBeGreaterThanOrEqual(1);
    const reports = await stack.prisma.clusterReport.count({ where: { monitoredCluster: { cluster: { code: 'TTH-TAN-BINH' } } } });
    expect(reports).toBe(s.agenda.filter((e) => e.kind === 'PERIODIC_REPORT').length);
    const periodEnd = s.agenda.find((e) => e.kind === 'PERIODIC_REPORT')?.id.slice('report:'.length) as string;
    s = await handle.executeUpdate(recordReportUpdate, { args: [{ actor: 'appraiser', periodEnd, receivedOn: addDays(periodEnd, 1), note: '', tenants: [{ name: 'Công ty C', sector: 'HIGH_TECH', leasedHa: 40 }] }] });
    expect(s.lastReport).toMatchObject({ periodEnd, occupancyHundredths: Math.floor((4000 * 10_000) / 5500), priorityTenants: 1, low: false });
    // Each run stays short: the history of the run in progress is bounded by the limit (plus the last step's events).
    const history = await handle.fetchHistory();
    expect(history.events?.length ?? 0).toBeLessThan(150 + 60);
    // Nothing was sent twice across the runs.
    const overdue = stack.smtp.messages.filter((m) => m.subject.includes('[CCN TTH-TAN-BINH]') && m.subject.includes('Quá hạn: Ban hành quy chế'));
    expect(overdue.length).toBe(new Set(overdue.map((m) => m.to.join(','))).size);
    await handle.terminate('kết thúc kịch bản thử');
  });
});
