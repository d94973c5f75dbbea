import request from 'supertest';
import { addDays } from '../../../domain';
import { todayInVietnam } from '../../../infra/clock';
import { clusterMonitoringWorkflowId, clusterSnapshotQuery, type ClusterMonitoringInput } from '../../../workflows/monitoring/api';
import type { clusterMonitoringWorkflow } from '../../../workflows/monitoring/workflow';
import { as } from '../actions/support';
import { createTestStack, type RunningWorker, type TestStack } from '../../support/stack';
import { SHORT_SCHEDULE, seedApprovedDossier } from '../workflows/monitoring-support';

describe('the monitored clusters through the API', () => {
  let stack: TestStack;
  let worker: RunningWorker;
  const today = todayInVietnam();

  /** A cluster as the round's approval leaves it, on the real clock: `daysAgo` since the decision. */
  async function monitor(clusterCode: string, daysAgo: number) {
    const { dossierCode, roundCode } = await seedApprovedDossier(stack.prisma, clusterCode, 'investor@example.vn');
    const input: ClusterMonitoringInput = { clusterCode, roundCode, dossierCode, decidedOn: addDays(today, -daysAgo), decidedBy: 'manager', schedule: { ...SHORT_SCHEDULE, reports: { ...SHORT_SCHEDULE.reports, due: { amount: 15, unit: 'calendar-days' } } } };
    const handle = await stack.temporal.workflow.start<typeof clusterMonitoringWorkflow>('clusterMonitoringWorkflow', {
      workflowId: clusterMonitoringWorkflowId(stack.deps.config.WORKFLOW_ID_PREFIX, clusterCode),
      taskQueue: stack.taskQueue,
      args: [input],
    });
    return { handle, dossierCode };
  }

  async function list(query: string, username = 'manager'): Promise<string[]> {
    const response = await request(stack.app).get(`/api/clusters${query}`).set(await as(stack, username)).expect(200);
    return (response.body as { code: string }[]).map((c) => c.code);
  }

  async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const value = await read();
      if (ok(value)) return value;
      if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  beforeAll(async () => {
    stack = await createTestStack('clusters-api');
    worker = await stack.startWorker();
  });
  afterAll(async () => {
    await worker.stop();
    await stack.close();
  });

  it('lists clusters with their filters, takes DOIT and manager actions with authorisation, idempotency and refusals, and documents them', async () => {
    // Decided 40 days ago: the services rules (5 WD) are overdue; the monthly report of last month is open.
    const late = await monitor('DH-LOC-GIANG-2', 40);
    const fresh = await monitor('CD-TAN-CHANH-2', 0);
    await until(() => late.handle.query(clusterSnapshotQuery), (s) => s.agenda.some((e) => e.id === 'milestone:SERVICES_RULES' && e.overdueNotified) && s.agenda.some((e) => e.kind === 'PERIODIC_REPORT'), 'late cluster told');
    await until(() => fresh.handle.query(clusterSnapshotQuery), (s) => s.version >= 1, 'fresh cluster opened');

    expect(await list('')).toEqual(['CD-TAN-CHANH-2', 'DH-LOC-GIANG-2']);
    expect(await list('?late=true')).toEqual(['DH-LOC-GIANG-2']);
    expect(await list('?late=false')).toEqual(['CD-TAN-CHANH-2']);
    expect(await list('?withoutEnvironmentalInfrastructure=true')).toEqual(['CD-TAN-CHANH-2', 'DH-LOC-GIANG-2']);
    await request(stack.app).get('/api/clusters?late=yes').set(await as(stack, 'manager')).expect(400);
    await request(stack.app).get('/api/clusters').expect(401);

    const view = (await request(stack.app).get('/api/clusters/DH-LOC-GIANG-2').set(await as(stack, 'appraiser')).expect(200)).body;
    expect(view).toMatchObject({ code: 'DH-LOC-GIANG-2', stage: 'UNDER_CONSTRUCTION', late: true, investor: { dossierCode: late.dossierCode } });
    expect(view.milestones[0]).toMatchObject({ kind: 'SERVICES_RULES', achievedOn: null });
    expect(view.milestones[0].daysLate).toBeGreaterThan(20);
    await request(stack.app).get('/api/clusters/TH-TAN-HUNG').set(await as(stack, 'manager')).expect(404);

    // The inbox shows the monitoring tasks to DOIT staff, under the investor's dossier.
    const answer = (await request(stack.app).get('/api/tasks').set(await as(stack, 'appraiser')).expect(200)).body as { kind: string; dossierCode: string }[] | { items: { kind: string; dossierCode: string }[] };
    const inbox = Array.isArray(answer) ? answer : answer.items;
    expect(inbox.filter((t) => t.kind === 'MONITORING_MILESTONE' && t.dossierCode === late.dossierCode)).toHaveLength(5);

    // The monthly report, low occupancy.
    const periodEnd = (view.tasks as { item: string; status: string }[]).find((t) => t.item.startsWith('report:') && t.status === 'OPEN')?.item.slice('report:'.length);
    const reported = await request(stack.app)
      .post('/api/clusters/DH-LOC-GIANG-2/reports')
      .set(await as(stack, 'appraiser'))
      .send({ periodEnd, receivedOn: today, tenants: [{ name: 'Công ty Cơ khí A', sector: 'MECHANICAL_ENGINEERING', leasedHa: 7.5 }] })
      .expect(200);
    expect(reported.body).toMatchObject({ occupancyPercent: 10, lowOccupancy: true, latestReport: { tenants: [{ priority: true }] } });
    expect(await list('?lowOccupancy=true')).toEqual(['DH-LOC-GIANG-2']);

    // A milestone: the wastewater treatment is in operation.
    await request(stack.app).post('/api/clusters/DH-LOC-GIANG-2/milestones').set(await as(stack, 'appraiser')).send({ milestone: 'WASTEWATER_TREATMENT', achievedOn: today }).expect(200);
    expect(await list('?withoutEnvironmentalInfrastructure=true')).toEqual(['CD-TAN-CHANH-2']);

    // An inspection with a violation, keyed: the retry answers the first result, one inspection recorded.
    const inspection = { area: 'ENVIRONMENT', kind: 'SCHEDULED', inspectedOn: today, findings: 'Khí thải vượt quy chuẩn.', violations: [{ description: 'Khí thải lò hơi vượt QCVN' }] };
    const first = await request(stack.app).post('/api/clusters/CD-TAN-CHANH-2/inspections').set(await as(stack, 'appraiser')).set('Idempotency-Key', 'insp-1').send(inspection).expect(200);
    expect(first.body).toMatchObject({ polluting: true, openViolations: [{ number: 'V1', area: 'ENVIRONMENT', step: null }] });
    const again = await request(stack.app).post('/api/clusters/CD-TAN-CHANH-2/inspections').set(await as(stack, 'appraiser')).set('Idempotency-Key', 'insp-1').send(inspection).expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await stack.prisma.clusterInspection.count({ where: { monitoredCluster: { cluster: { code: 'CD-TAN-CHANH-2' } } } })).toBe(1);
    expect(await list('?polluting=true')).toEqual(['CD-TAN-CHANH-2']);

    // Refusals: the once-a-year rule (422 with its reason), a stale version (409), the wrong role (403), bad input (400), an unknown cluster (404).
    const tooSoon = await request(stack.app).post('/api/clusters/CD-TAN-CHANH-2/inspections').set(await as(stack, 'appraiser')).send({ ...inspection, violations: [] }).expect(422);
    expect(tooSoon.body).toMatchObject({ reason: 'TooSoon' });
    expect(tooSoon.headers['content-type']).toContain('application/problem+json');
    const stale = await request(stack.app).post('/api/clusters/CD-TAN-CHANH-2/inspections').set(await as(stack, 'appraiser')).send({ ...inspection, area: 'LAND', expectedVersion: 0 }).expect(409);
    expect(stale.body).toMatchObject({ reason: 'StaleVersion' });
    await request(stack.app).post('/api/clusters/CD-TAN-CHANH-2/inspections').set(await as(stack, 'manager')).send(inspection).expect(403);
    await request(stack.app).post('/api/clusters/CD-TAN-CHANH-2/violations/V1/escalation').set(await as(stack, 'appraiser')).send({ outcome: 'ESCALATE', reason: 'x' }).expect(403);
    const notDue = await request(stack.app).post('/api/clusters/CD-TAN-CHANH-2/violations/V1/escalation').set(await as(stack, 'manager')).send({ outcome: 'ESCALATE', reason: 'Chưa khắc phục' }).expect(422);
    expect(notDue.body).toMatchObject({ reason: 'NotDue' });
    await request(stack.app).post('/api/clusters/CD-TAN-CHANH-2/inspections').set(await as(stack, 'appraiser')).send({ ...inspection, area: 'NOISE' }).expect(400);
    await request(stack.app).post('/api/clusters/TH-TAN-HUNG/withdrawal').set(await as(stack, 'manager')).send({ reason: 'x' }).expect(404);

    // Remedied, then withdrawn from the plan: the conversion plan is due, then recorded.
    await request(stack.app).post('/api/clusters/CD-TAN-CHANH-2/violations/V1/remediation').set(await as(stack, 'appraiser')).send({ note: 'Đã lắp hệ thống xử lý khí thải.' }).expect(200);
    expect(await list('?polluting=true')).toEqual([]);
    const withdrawn = await request(stack.app).post('/api/clusters/CD-TAN-CHANH-2/withdrawal').set(await as(stack, 'manager')).send({ reason: 'Quyết định điều chỉnh quy hoạch số 12/QĐ-UBND' }).expect(200);
    expect(withdrawn.body.stage).toBe('WITHDRAWN_FROM_PLAN');
    expect((withdrawn.body.tasks as { kind: string; status: string }[]).filter((t) => t.status === 'OPEN').map((t) => t.kind)).toEqual(['CONVERSION_PLAN']);
    const planned = await request(stack.app).post('/api/clusters/CD-TAN-CHANH-2/conversion-plan').set(await as(stack, 'appraiser')).send({ summary: 'Chuyển thành khu dân cư; di dời 2 doanh nghiệp.', tracked: ['di dời doanh nghiệp'] }).expect(200);
    expect(planned.body.withdrawal).toMatchObject({ plan: { tracked: expect.arrayContaining(['môi trường', 'di dời doanh nghiệp']) } });
    expect(await list('?stage=WITHDRAWN_FROM_PLAN')).toEqual(['CD-TAN-CHANH-2']);

    const board = (await request(stack.app).get('/api/dashboard').set(await as(stack, 'manager')).expect(200)).body;
    expect(board.monitoring).toEqual({ monitored: 2, withdrawnFromPlan: 1, late: 1, polluting: 0, lowOccupancy: 1, withoutEnvironmentalInfrastructure: 1, openViolations: 0 });

    const doc = (await request(stack.app).get('/api/openapi.json').expect(200)).body as { paths: Record<string, unknown> };
    for (const path of ['/api/clusters', '/api/clusters/{code}', '/api/clusters/{code}/inspections', '/api/clusters/{code}/violations/{violation}/escalation', '/api/clusters/{code}/conversion-plan']) expect(doc.paths[path]).toBeDefined();

    await late.handle.terminate('kết thúc kịch bản thử');
    await fresh.handle.terminate('kết thúc kịch bản thử');
  });
});
