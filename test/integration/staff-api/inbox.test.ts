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
});
