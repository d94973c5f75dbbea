import request from 'supertest';
import { loadWorkingDayCalendar } from '../../../db/working-day-calendar';
import { addDays, addWorkingDays } from '../../../domain';
import { todayInVietnam } from '../../../infra/clock';
import { bearer, tokenFor } from '../../support/auth';
import { createTestStack, type TestStack } from '../../support/stack';
import { insertDossier, insertTask } from './fixtures';

describe('GET /api/dossiers (list) and GET /api/dashboard', () => {
  let stack: TestStack;
  let auth: { Authorization: string };
  let today: string;
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    stack = await createTestStack('list');
    auth = bearer(await tokenFor(stack, 'manager'));
    today = todayInVietnam();
    const cal = await loadWorkingDayCalendar(stack.prisma);
    // 25 dossiers in Lộc Giang 1 filed 2026-09-01 … 2026-09-25, then a few others.
    for (let i = 1; i <= 25; i += 1) {
      const d = await insertDossier(stack.prisma, { filedOn: `2026-09-${String(i).padStart(2, '0')}`, stage: 'COMPLETENESS_CHECK' });
      codes[`lg${i}`] = d.code;
    }
    const opinions = await insertDossier(stack.prisma, { clusterCode: 'VH-BINH-CHAU', stage: 'DEPARTMENT_OPINIONS', filedOn: '2026-08-10' });
    const onHold = await insertDossier(stack.prisma, { clusterCode: 'VH-BINH-CHAU', stage: 'SUPPLEMENT_REQUESTED', status: 'ON_HOLD', filedOn: '2026-08-11' });
    const approved = await insertDossier(stack.prisma, { clusterCode: 'TH-TAN-HUNG', stage: 'CLOSED', status: 'APPROVED', filedOn: '2026-07-01' });
    Object.assign(codes, { opinions: opinions.code, onHold: onHold.code, approved: approved.code });
    // Overdue: an open task past due. Near due: next open task within 2 working days.
    await insertTask(stack.prisma, { dossierId: opinions.id, departmentCode: 'DOC', dueOn: addDays(today, -3) });
    await insertTask(stack.prisma, { dossierId: opinions.id, departmentCode: 'DOF', dueOn: addWorkingDays(cal, today, 6).due });
    await insertTask(stack.prisma, { dossierId: onHold.id, departmentCode: 'DOC', dueOn: addWorkingDays(cal, today, 1).due });
    // A done task past due makes nothing overdue.
    await insertTask(stack.prisma, { dossierId: approved.id, role: 'MANAGER', kind: 'DECISION', dueOn: addDays(today, -30), status: 'DONE' });
  });
  afterAll(() => stack.close());

  const list = (query: string) => request(stack.app).get(`/api/dossiers${query}`).set(auth);

  it('pages newest filing first with the total', async () => {
    const first = await list('?pageSize=10').expect(200);
    expect(first.body).toMatchObject({ page: 1, pageSize: 10, total: 28 });
    expect(first.body.items.map((i: { code: string }) => i.code)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16].map((n) => codes[`lg${n}`]));
    const third = await list('?pageSize=10&page=3').expect(200);
    expect(third.body.items.map((i: { code: string }) => i.code)).toEqual([
      codes.lg5, codes.lg4, codes.lg3, codes.lg2, codes.lg1, codes.onHold, codes.opinions, codes.approved,
    ]);
    const beyond = await list('?pageSize=10&page=4').expect(200);
    expect(beyond.body).toMatchObject({ items: [], total: 28, page: 4 });
    const defaults = await list('').expect(200);
    expect(defaults.body).toMatchObject({ page: 1, pageSize: 20 });
    expect(defaults.body.items).toHaveLength(20);
    expect(defaults.body.items[0]).toEqual({
      code: codes.lg25,
      projectTitle: 'Dự án thử nghiệm hạ tầng',
      cluster: { code: 'DH-LOC-GIANG-1', name: 'CCN Lộc Giang 1' },
      applicantName: 'Công ty TNHH Thử nghiệm',
      stage: 'COMPLETENESS_CHECK',
      status: 'ACTIVE',
      filedOn: '2026-09-25',
      nextDue: null,
      overdue: false,
    });
  });

  it('filters by cluster, stage, status, overdue and filing dates, alone and combined', async () => {
    const codesOf = async (query: string) => {
      const response = await list(query).expect(200);
      expect(response.body.total).toBe(response.body.items.length);
      return response.body.items.map((i: { code: string }) => i.code);
    };
    expect(await codesOf('?cluster=VH-BINH-CHAU')).toEqual([codes.onHold, codes.opinions]);
    expect(await codesOf('?stage=CLOSED')).toEqual([codes.approved]);
    expect(await codesOf('?status=ON_HOLD')).toEqual([codes.onHold]);
    expect(await codesOf('?overdue=true')).toEqual([codes.opinions]);
    expect(await codesOf('?overdue=false&cluster=VH-BINH-CHAU')).toEqual([codes.onHold]);
    expect(await codesOf('?filedFrom=2026-09-03&filedTo=2026-09-05')).toEqual([codes.lg5, codes.lg4, codes.lg3]);
    expect(await codesOf('?filedTo=2026-08-11')).toEqual([codes.onHold, codes.opinions, codes.approved]);
    expect(await codesOf('?cluster=VH-BINH-CHAU&status=ACTIVE&stage=DEPARTMENT_OPINIONS&overdue=true')).toEqual([codes.opinions]);
    expect(await codesOf('?cluster=NOWHERE')).toEqual([]);
    const overdue = await list('?overdue=true').expect(200);
    expect(overdue.body.items[0]).toMatchObject({ overdue: true, nextDue: addDays(today, -3) });
  });

  it.each([
    ['?pageSize=101', 'query.pageSize'],
    ['?pageSize=0', 'query.pageSize'],
    ['?page=0', 'query.page'],
    ['?page=abc', 'query.page'],
    ['?stage=NOWHERE', 'query.stage'],
    ['?status=DONE', 'query.status'],
    ['?overdue=yes', 'query.overdue'],
    ['?filedFrom=2026-02-30', 'query.filedFrom'],
    ['?filedFrom=2026-09-10&filedTo=2026-09-01', 'query.filedTo'],
    ['?sort=code', 'query'],
  ])('answers %s with a 400 problem naming %s', async (query, field) => {
    const response = await list(query).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('counts dossiers by stage and status, overdue and near due', async () => {
    const response = await request(stack.app).get('/api/dashboard').set(auth).expect(200);
    expect(response.body).toMatchObject({
      today,
      total: 28,
      overdue: 1,
      nearDue: 1,
    });
    expect(response.body.byStage).toMatchObject({ COMPLETENESS_CHECK: 25, DEPARTMENT_OPINIONS: 1, SUPPLEMENT_REQUESTED: 1, CLOSED: 1, SCORING: 0 });
    expect(response.body.byStatus).toMatchObject({ ACTIVE: 26, ON_HOLD: 1, APPROVED: 1, REJECTED: 0 });
  });

  it('gives the median working days per stage from the audit trail, over the stays that ended in the period', async () => {
    const at = (date: string) => new Date(`${date}T10:00:00+07:00`);
    const event = (code: string, date: string, newValue: object) =>
      stack.prisma.auditEvent.create({
        data: { actor: 'test', action: 'dossier.transition', entityType: 'Dossier', entityId: code, dossierCode: code, occurredAt: at(date), newValue },
      });
    const [x, y, z] = [codes.lg1, codes.lg2, codes.lg3] as [string, string, string];
    // x: completeness 3 WD (Mon 5 → Thu 8 Oct), opinions 10 WD (8 → 22 Oct).
    await event(x, '2026-10-05', { stage: 'COMPLETENESS_CHECK' });
    await event(x, '2026-10-06', { name: 'appraisal', due: '2026-11-01' });
    await event(x, '2026-10-07', { stage: 'COMPLETENESS_CHECK', version: 1 });
    await event(x, '2026-10-08', { stage: 'DEPARTMENT_OPINIONS' });
    await event(x, '2026-10-22', { stage: 'SCREENING' });
    // y: completeness 5 WD (Mon 5 → Mon 12 Oct, a weekend between).
    await event(y, '2026-10-05', { stage: 'COMPLETENESS_CHECK' });
    await event(y, '2026-10-12', { stage: 'DEPARTMENT_OPINIONS' });
    // z: completeness 1 WD, ending 6 Oct, before the period.
    await event(z, '2026-10-05', { stage: 'COMPLETENESS_CHECK' });
    await event(z, '2026-10-06', { stage: 'DEPARTMENT_OPINIONS' });

    const period = await request(stack.app).get('/api/dashboard?from=2026-10-07&to=2026-10-31').set(auth).expect(200);
    expect(period.body.stageDurations).toEqual({
      from: '2026-10-07',
      to: '2026-10-31',
      stages: {
        COMPLETENESS_CHECK: { medianWorkingDays: 4, samples: 2 },
        DEPARTMENT_OPINIONS: { medianWorkingDays: 10, samples: 1 },
      },
    });
    const wider = await request(stack.app).get('/api/dashboard?from=2026-10-01&to=2026-10-10').set(auth).expect(200);
    expect(wider.body.stageDurations.stages).toEqual({ COMPLETENESS_CHECK: { medianWorkingDays: 2, samples: 2 } });
  });

  it.each([
    ['?from=2026-10', 'query.from'],
    ['?from=2026-10-10&to=2026-10-01', 'query.to'],
    ['?until=2026-10-01', 'query'],
  ])('answers the dashboard query %s with a 400 problem naming %s', async (query, field) => {
    const response = await request(stack.app).get(`/api/dashboard${query}`).set(auth).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
  it('lists the cluster catalogue with the latest round of each cluster and whether it has its investor', async () => {
    const approved = await stack.prisma.dossier.findUniqueOrThrow({ where: { code: codes.approved as string }, include: { round: true } });
    await stack.prisma.selectionRound.update({ where: { id: approved.roundId }, data: { status: 'DECIDED' } });
    const catalogue = await request(stack.app).get('/api/catalogue/clusters').set(auth).expect(200);
    const byCode = new Map((catalogue.body as { code: string; latestRound: { code: string; stage: string } | null; hasInvestor: boolean }[]).map((c) => [c.code, c]));
    expect(byCode.get('TH-TAN-HUNG')).toMatchObject({ name: 'CCN Tân Hưng', district: 'Tân Hưng', areaHa: 55, latestRound: { code: approved.round.code, stage: 'DECIDED' }, hasInvestor: true });
    expect(byCode.get('VH-BINH-CHAU')).toMatchObject({ hasInvestor: false, latestRound: { stage: expect.any(String) } });
    // A cluster nobody has written for: no round yet.
    expect(byCode.get('TTR-TAN-BINH-2')).toMatchObject({ latestRound: null, hasInvestor: false });
    expect(byCode.size).toBe(await stack.prisma.cluster.count());
  });
});
