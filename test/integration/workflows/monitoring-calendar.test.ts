import pino from 'pino';
import { notifyOpenDossiers } from '../../../api/calendar/service';
import { addWorkingDays } from '../../../domain';
import { startMonitoring, waitForCluster } from './monitoring-support';
import { prefixOf } from './round-support';
import { calendar, createWorkflowStack, recordHistoryFixture, type WorkflowStack } from './support';

/** One virtual day every 5 s: both calendar changes land days before the services rules' due date. */
const MS_PER_DAY = 5_000;
jest.setTimeout(300_000);
const DECIDED_ON = '2027-03-22';
const INVESTOR = 'calendar.investor@example.vn';
const DAY_OFF = { date: '2027-03-24', working: false, reason: 'Nghỉ đột xuất (thử nghiệm)' };
const SATURDAY_WORKED = { date: '2027-03-27', working: true, reason: 'Làm bù (thử nghiệm)' };

describe('a calendar change while a monitored cluster counts its due dates (scaled time)', () => {
  let stack: WorkflowStack;

  beforeAll(async () => {
    stack = await createWorkflowStack('wf-monitoring-calendar');
  });
  afterAll(() => stack.close());

  /** An administrator's change as the calendar service makes it: the row, then the fan-out to the open workflows. */
  const change = async (day: typeof DAY_OFF) => {
    await stack.prisma.calendarEntry.create({ data: { date: new Date(`${day.date}T00:00:00Z`), working: day.working, reason: day.reason, source: 'ADMIN' } });
    const deps = { prisma: stack.prisma, temporal: stack.temporal, logger: pino({ level: 'silent' }), config: { WORKFLOW_ID_PREFIX: prefixOf(stack) } };
    await notifyOpenDossiers(deps as unknown as Parameters<typeof notifyOpenDossiers>[0], day.date);
  };

  it('recounts the open due dates from their start, moves the tasks and rows with an audit naming the day, mails only a date moved earlier, and wakes on the new date', async () => {
    const { handle, input } = await startMonitoring(stack, { clusterCode: 'VH-BINH-CHAU', decidedOn: DECIDED_ON, msPerDay: MS_PER_DAY, email: INVESTOR });
    let s = await waitForCluster(handle, (x) => x.version >= 1);
    const original = addWorkingDays(calendar(), DECIDED_ON, 5).due;
    const later = addWorkingDays(calendar([DAY_OFF]), DECIDED_ON, 5).due;
    const earlier = addWorkingDays(calendar([DAY_OFF, SATURDAY_WORKED]), DECIDED_ON, 5).due;
    expect([original, later, earlier]).toEqual(['2027-03-29', '2027-03-30', '2027-03-29']);
    const untouched = s.milestones.filter((m) => m.kind !== 'SERVICES_RULES').map((m) => [m.kind, m.deadline.due]);
    expect(s.milestones[0]?.deadline.due).toBe(original);
    const version = s.version;

    // A day off inside the five working days: the due date moves one day later; nobody is mailed.
    await change(DAY_OFF);
    s = await waitForCluster(handle, (x) => x.milestones[0]?.deadline.due === later, 30_000);
    expect(s.version).toBe(version + 1);
    expect(s.milestones[0]?.deadline.skipped).toEqual(expect.arrayContaining([{ date: DAY_OFF.date, reason: DAY_OFF.reason }]));
    expect(s.agenda.find((e) => e.id === 'milestone:SERVICES_RULES')).toMatchObject({ due: later, basis: { from: DECIDED_ON, limit: { amount: 5, unit: 'working-days' } } });
    expect(s.milestones.filter((m) => m.kind !== 'SERVICES_RULES').map((m) => [m.kind, m.deadline.due])).toEqual(untouched);
    const task = () => stack.prisma.task.findFirstOrThrow({ where: { dossier: { code: input.dossierCode }, status: 'OPEN', payload: { path: ['item'], equals: 'milestone:SERVICES_RULES' } } });
    const milestoneRow = () => stack.prisma.clusterMilestone.findFirstOrThrow({ where: { monitoredCluster: { cluster: { code: 'VH-BINH-CHAU' } }, kind: 'SERVICES_RULES' } });
    expect((await task()).dueOn?.toISOString().slice(0, 10)).toBe(later);
    expect(await milestoneRow()).toMatchObject({ dueOn: new Date(`${later}T00:00:00Z`), deadline: expect.objectContaining({ due: later, committed: false }) });

    // A Saturday worked: the due date comes back a day earlier; the investor and DOIT staff are told.
    await change(SATURDAY_WORKED);
    s = await waitForCluster(handle, (x) => x.milestones[0]?.deadline.due === earlier, 30_000);
    await stack.smtp.waitFor((m) => m.to.includes(INVESTOR) && m.subject.includes('Hạn sớm hơn') && m.subject.includes('quy chế'), 1, 30_000);
    expect((await task()).dueOn?.toISOString().slice(0, 10)).toBe(earlier);

    const audit = await stack.prisma.auditEvent.findMany({ where: { dossierCode: input.dossierCode, action: 'deadline.changed', newValue: { path: ['cause'], equals: 'calendar-change' } }, orderBy: { id: 'asc' } });
    expect(audit.map((e) => [(e.oldValue as { due: string }).due, (e.newValue as { name: string; due: string; changedDays: string[] })])).toEqual([
      [original, expect.objectContaining({ name: 'milestone:SERVICES_RULES', due: later, changedDays: [DAY_OFF.date] })],
      [later, expect.objectContaining({ name: 'milestone:SERVICES_RULES', due: earlier, changedDays: [SATURDAY_WORKED.date] })],
    ]);
    expect(await stack.prisma.auditEvent.count({ where: { dossierCode: input.dossierCode, action: 'monitoring.deadlines-recounted' } })).toBe(2);

    // The timer followed the recount: the managers hear of the overdue services rules once, for the date in force.
    await stack.smtp.waitFor((m) => m.subject.includes('[CCN VH-BINH-CHAU]') && m.subject.includes('Quá hạn') && m.subject.includes('quy chế'), 1, 120_000);
    const overdue = await stack.prisma.auditEvent.findMany({ where: { action: 'monitoring.overdue', dossierCode: input.dossierCode, newValue: { path: ['item'], equals: 'milestone:SERVICES_RULES' } } });
    expect(overdue.map((e) => (e.newValue as { due: string }).due)).toEqual([earlier]);
    // Only the date moved earlier was mailed, once per address.
    const moved = stack.smtp.messages.filter((m) => m.subject.includes('[CCN VH-BINH-CHAU]') && m.subject.includes('Hạn sớm hơn'));
    expect(moved.length).toBeGreaterThanOrEqual(2);
    expect(new Set(moved.map((m) => m.to.join(','))).size).toBe(moved.length);
    expect(moved.every((m) => m.text.includes('27/03/2027'))).toBe(true);

    await handle.terminate('kết thúc kịch bản thử');
    await recordHistoryFixture(handle, 'monitoring-calendar-recount');
  });
});
