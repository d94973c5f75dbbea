import request from 'supertest';
import { loadWorkingDayCalendar } from '../../../db/working-day-calendar';
import { addDays, addWorkingDays, isWorkingDay, type WorkingDayCalendar } from '../../../domain';
import { todayInVietnam } from '../../../infra/clock';
import { bearer, tokenFor } from '../../support/auth';
import { createTestStack, type TestStack } from '../../support/stack';
import { insertDossier, insertTask } from './fixtures';

/** The working day `n` working days before `date`. */
function workingDaysBefore(cal: WorkingDayCalendar, date: string, n: number): string {
  let day = date;
  let counted = 0;
  while (counted < n) {
    day = addDays(day, -1);
    if (isWorkingDay(cal, day)) counted += 1;
  }
  return day;
}

describe('GET /api/tasks (inbox)', () => {
  let stack: TestStack;
  let today: string;
  let cal: WorkingDayCalendar;
  const inbox = async (username: string) =>
    (await request(stack.app).get('/api/tasks').set(bearer(await tokenFor(stack, username))).expect(200)).body as {
      today: string;
      items: { taskId: string; dossierCode: string; kind: string; stage: string; dueOn: string | null; workingDaysLeft: number | null; nearDue: boolean; overdue: boolean; assignedToMe: boolean }[];
    };

  beforeAll(async () => {
    stack = await createTestStack('inbox');
    today = todayInVietnam();
    cal = await loadWorkingDayCalendar(stack.prisma);
  });
  afterAll(() => stack.close());

  it('lists a reviewer’s department tasks, most urgent first, with working days left and flags', async () => {
    const a = await insertDossier(stack.prisma, { stage: 'DEPARTMENT_OPINIONS' });
    const b = await insertDossier(stack.prisma, { stage: 'DEPARTMENT_OPINIONS' });
    const in5 = addWorkingDays(cal, today, 5).due;
    const in2 = addWorkingDays(cal, today, 2).due;
    const in3 = addWorkingDays(cal, today, 3).due;
    const late = workingDaysBefore(cal, today, 3);
    const t5 = await insertTask(stack.prisma, { dossierId: a.id, departmentCode: 'DOC', dueOn: in5 });
    const tNone = await insertTask(stack.prisma, { dossierId: b.id, departmentCode: 'DOC', dueOn: null });
    const tLate = await insertTask(stack.prisma, { dossierId: b.id, departmentCode: 'DOC', dueOn: late });
    const t2 = await insertTask(stack.prisma, { dossierId: a.id, departmentCode: 'DOC', dueOn: in2 });
    const t3 = await insertTask(stack.prisma, { dossierId: b.id, departmentCode: 'DOC', dueOn: in3 });
    // Not the DOC reviewer's: another department, already done, cancelled.
    await insertTask(stack.prisma, { dossierId: a.id, departmentCode: 'DOF', dueOn: late });
    await insertTask(stack.prisma, { dossierId: a.id, departmentCode: 'DOC', dueOn: late, status: 'DONE' });
    await insertTask(stack.prisma, { dossierId: a.id, departmentCode: 'DOC', dueOn: late, status: 'CANCELLED' });

    const body = await inbox('reviewer.doc');
    expect(body.today).toBe(today);
    expect(body.items.map((i) => i.taskId)).toEqual([tLate.id, t2.id, t3.id, t5.id, tNone.id]);
    const byId = Object.fromEntries(body.items.map((i) => [i.taskId, i]));
    // Due 3 working days before today: late by the working days after the due date up to today.
    const lateBy = 2 + (isWorkingDay(cal, today) ? 1 : 0);
    expect(byId[tLate.id]).toMatchObject({ dueOn: late, workingDaysLeft: -lateBy, overdue: true, nearDue: false });
    expect(byId[t2.id]).toMatchObject({ dueOn: in2, workingDaysLeft: 2, overdue: false, nearDue: true });
    expect(byId[t3.id]).toMatchObject({ dueOn: in3, workingDaysLeft: 3, overdue: false, nearDue: false });
    expect(byId[t5.id]).toMatchObject({ workingDaysLeft: 5, overdue: false, nearDue: false });
    expect(byId[tNone.id]).toMatchObject({ dueOn: null, workingDaysLeft: null, overdue: false, nearDue: false });
    expect(byId[t2.id]).toMatchObject({ dossierCode: a.code, stage: 'DEPARTMENT_OPINIONS', kind: 'DEPARTMENT_OPINION', assignedToMe: false });

    const dof = await inbox('reviewer.dof');
    expect(dof.items).toHaveLength(1);
    expect(dof.items[0]).toMatchObject({ dossierCode: a.code, overdue: true });
  });

  it('counts working days with the calendar in force: an administrator’s new holiday brings a task near due', async () => {
    const dossier = await insertDossier(stack.prisma);
    const in3 = addWorkingDays(cal, today, 3).due;
    const task = await insertTask(stack.prisma, { dossierId: dossier.id, role: 'APPRAISER', kind: 'ELIGIBILITY_SCREENING', dueOn: in3 });
    const before = (await inbox('appraiser')).items.find((i) => i.taskId === task.id);
    expect(before).toMatchObject({ workingDaysLeft: 3, nearDue: false });

    const holiday = addWorkingDays(cal, today, 1).due;
    await stack.prisma.calendarEntry.create({
      data: { date: new Date(`${holiday}T00:00:00Z`), working: false, reason: 'Nghỉ bù (test)', source: 'ADMIN' },
    });
    try {
      const after = (await inbox('appraiser')).items.find((i) => i.taskId === task.id);
      expect(after).toMatchObject({ workingDaysLeft: 2, nearDue: true });
    } finally {
      await stack.prisma.calendarEntry.delete({ where: { date: new Date(`${holiday}T00:00:00Z`) } });
    }
  });

  it('shows a task assigned by name only to that person, and role tasks to everyone with the role', async () => {
    const dossier = await insertDossier(stack.prisma, { stage: 'SCORING' });
    const due = addWorkingDays(cal, today, 4).due;
    const mine = await insertTask(stack.prisma, { dossierId: dossier.id, kind: 'COUNCIL_SCORING', role: 'COUNCIL_MEMBER', assignee: 'chair', dueOn: due });
    const pool = await insertTask(stack.prisma, { dossierId: dossier.id, kind: 'COUNCIL_SCORING', role: 'COUNCIL_MEMBER', dueOn: due });
    const decision = await insertTask(stack.prisma, { dossierId: dossier.id, kind: 'DECISION', role: 'MANAGER', dueOn: due });
    const personal = await insertTask(stack.prisma, { dossierId: dossier.id, kind: 'APPRAISAL_REPORT', role: null, assignee: 'manager', dueOn: null });

    const chair = (await inbox('chair')).items;
    expect(chair.map((i) => i.taskId).sort()).toEqual([mine.id, pool.id].sort());
    expect(chair.find((i) => i.taskId === mine.id)?.assignedToMe).toBe(true);
    expect((await inbox('vicechair.doit')).items.map((i) => i.taskId)).toEqual([pool.id]);
    expect((await inbox('manager')).items.map((i) => i.taskId)).toEqual([decision.id, personal.id]);
    expect((await inbox('admin')).items).toEqual([]);
    expect((await inbox('intake')).items).toEqual([]);
  });

  it('answers unknown query parameters with a 400 problem document', async () => {
    const response = await request(stack.app)
      .get('/api/tasks?sort=due')
      .set(bearer(await tokenFor(stack, 'reviewer.doc')))
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors[0].field).toMatch(/^query/);
  });

  describe('stage and cluster filters, on the server', () => {
    type Item = { taskId: string; clusterCode: string; clusterName: string; stage: string; dossierCode: string | null; roundCode: string | null };
    type Body = { items: Item[]; counts: Record<'all' | 'mine' | 'overdue' | 'nearDue', number>; nextCursor: string | null };
    const get = async (query: string) =>
      (await request(stack.app).get(`/api/tasks${query}`).set(bearer(await tokenFor(stack, 'appraiser'))).expect(200)).body as Body;
    const ids = (body: Body) => body.items.map((item) => item.taskId);
    const task: Record<string, string> = {};

    beforeAll(async () => {
      // Two clusters no other test here uses; two stages; and a round's task (its stage is the round's status).
      const a = await insertDossier(stack.prisma, { clusterCode: 'DH-LOC-GIANG-2', stage: 'SCREENING' });
      const b = await insertDossier(stack.prisma, { clusterCode: 'CD-TAN-CHANH-1', stage: 'SCREENING' });
      const c = await insertDossier(stack.prisma, { clusterCode: 'DH-LOC-GIANG-2', stage: 'APPRAISAL_REPORT' });
      const late = workingDaysBefore(cal, today, 3);
      const screening = { role: 'APPRAISER', kind: 'ELIGIBILITY_SCREENING' } as const;
      task.a2 = (await insertTask(stack.prisma, { dossierId: a.id, ...screening, dueOn: late })).id;
      task.c1 = (await insertTask(stack.prisma, { dossierId: c.id, role: 'APPRAISER', kind: 'APPRAISAL_REPORT', dueOn: late })).id;
      task.a1 = (await insertTask(stack.prisma, { dossierId: a.id, ...screening, dueOn: addWorkingDays(cal, today, 1).due })).id;
      task.b1 = (await insertTask(stack.prisma, { dossierId: b.id, ...screening, dueOn: addWorkingDays(cal, today, 2).due })).id;
      task.a3 = (await insertTask(stack.prisma, { dossierId: a.id, ...screening, dueOn: addWorkingDays(cal, today, 10).due })).id;
      task.a4 = (await insertTask(stack.prisma, { dossierId: a.id, ...screening, dueOn: null, assignee: 'appraiser' })).id;
      const round = await stack.prisma.selectionRound.update({ where: { id: a.roundId as string }, data: { status: 'REPORT' } });
      const roundTask = await stack.prisma.task.create({
        data: { roundId: round.id, kind: 'APPRAISAL_REPORT', role: 'APPRAISER', dueOn: new Date(`${addWorkingDays(cal, today, 4).due}T00:00:00Z`) },
      });
      task.r = roundTask.id;
    });

    it('narrows the page and the counts of every tab to a cluster, a round’s task included', async () => {
      const body = await get('?cluster=DH-LOC-GIANG-2');
      expect(ids(body)).toEqual([task.a2, task.c1, task.a1, task.r, task.a3, task.a4]);
      expect(body.counts).toEqual({ all: 6, mine: 1, overdue: 2, nearDue: 1 });
      expect(new Set(body.items.map((item) => item.clusterCode))).toEqual(new Set(['DH-LOC-GIANG-2']));
      expect(body.items.find((item) => item.taskId === task.r)).toMatchObject({ dossierCode: null, stage: 'REPORT', clusterName: 'CCN Lộc Giang 2' });
      expect(ids(await get('?cluster=CD-TAN-CHANH-1'))).toEqual([task.b1]);
    });

    it('narrows to a stage (a dossier’s stage, or a round’s status), with a cluster, under a tab', async () => {
      expect(ids(await get('?stage=SCREENING&cluster=DH-LOC-GIANG-2'))).toEqual([task.a2, task.a1, task.a3, task.a4]);
      expect(ids(await get('?stage=SCREENING'))).toEqual([task.a2, task.a1, task.b1, task.a3, task.a4]);
      expect(ids(await get('?stage=REPORT'))).toEqual([task.r]);
      const overdue = await get('?tab=overdue&cluster=DH-LOC-GIANG-2');
      expect(ids(overdue)).toEqual([task.a2, task.c1]);
      expect(overdue.counts).toEqual({ all: 6, mine: 1, overdue: 2, nearDue: 1 });
      const screeningOverdue = await get('?tab=overdue&stage=SCREENING&cluster=DH-LOC-GIANG-2');
      expect(ids(screeningOverdue)).toEqual([task.a2]);
      expect(screeningOverdue.counts).toEqual({ all: 4, mine: 1, overdue: 1, nearDue: 1 });
    });

    it('pages a filtered inbox by cursor, the filters sent again with it', async () => {
      const seen: string[] = [];
      let body = await get('?cluster=DH-LOC-GIANG-2&limit=4');
      seen.push(...ids(body));
      expect(body.items).toHaveLength(4);
      body = await get(`?cluster=DH-LOC-GIANG-2&limit=4&cursor=${body.nextCursor}`);
      seen.push(...ids(body));
      expect(body.nextCursor).toBeNull();
      expect(seen).toEqual([task.a2, task.c1, task.a1, task.r, task.a3, task.a4]);
    });

    it('answers a cluster that does not exist with an empty inbox and zero counts', async () => {
      const body = await get('?cluster=KHONG-CO-CUM');
      expect(body).toMatchObject({ items: [], nextCursor: null, counts: { all: 0, mine: 0, overdue: 0, nearDue: 0 } });
    });

    it.each([
      ['?stage=LATE', 'query.stage'],
      ['?stage=screening', 'query.stage'],
      ['?cluster=', 'query.cluster'],
      [`?cluster=${'X'.repeat(65)}`, 'query.cluster'],
      ['?cluster=DH%0ALOC', 'query.cluster'],
      ['?stage=SCREENING&stage=SCORING', 'query.stage'],
    ])('%s is a 400 problem document naming %s', async (query, field) => {
      const response = await request(stack.app).get(`/api/tasks${query}`).set(bearer(await tokenFor(stack, 'appraiser'))).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(response.body.errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);
    });
  });
});
