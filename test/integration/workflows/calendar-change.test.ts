import { addDays, addWorkingDays, daysBetween } from '../../../domain';
import { checkCompletenessUpdate, calendarChangedSignal, withdrawUpdate, type OpinionTaskView } from '../../../workflows/dossier/api';
import { calendar, createWorkflowStack, giveOpinions, recordHistoryFixture, sleep, startDossier, waitForSnapshot, type WorkflowStack } from './support';

const MS_PER_DAY = 2_000;
const FILED_ON = '2026-10-05';
const DAY_OFF = { date: '2026-10-14', working: false, reason: 'Nghỉ đột xuất (thử nghiệm)' };

describe('a calendar change while deadlines run', () => {
  let stack: WorkflowStack;

  beforeAll(async () => {
    stack = await createWorkflowStack('wf-calendar');
  });
  afterAll(() => stack.close());

  it('recomputes the open deadlines, audits the moves and fires the re-armed timer on the new date', async () => {
    const { handle, input } = await startDossier(stack, { msPerDay: MS_PER_DAY, filedOn: FILED_ON });
    const started = (await handle.describe()).startTime.getTime();
    let s = await handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: true, expectedVersion: 1 }] });
    const startedOn = s.clock?.startedOn as string;
    const before = { opinion: addWorkingDays(calendar(), startedOn, 10).due, appraisal: addWorkingDays(calendar(), startedOn, 20).due };
    const after = { opinion: addWorkingDays(calendar([DAY_OFF]), startedOn, 10).due, appraisal: addWorkingDays(calendar([DAY_OFF]), startedOn, 20).due };
    expect(after.opinion).not.toBe(before.opinion);
    expect(s.opinionTasks[0]?.deadline.due).toBe(before.opinion);
    expect(s.deadlines.appraisal?.due).toBe(before.appraisal);
    await giveOpinions(handle, s, ['POLICE']);

    // An administrator gives a day off; the calendar service signals the workflow.
    await stack.prisma.calendarEntry.create({ data: { date: new Date(`${DAY_OFF.date}T00:00:00Z`), working: false, reason: DAY_OFF.reason, source: 'ADMIN' } });
    await handle.signal(calendarChangedSignal, { date: DAY_OFF.date });
    s = await waitForSnapshot(handle, (x) => x.deadlines.appraisal?.due === after.appraisal);
    const police = s.opinionTasks.find((t) => t.departmentCode === 'POLICE') as OpinionTaskView;
    expect(police.deadline).toMatchObject({ from: startedOn, due: after.opinion, skipped: expect.arrayContaining([{ date: DAY_OFF.date, reason: DAY_OFF.reason }]) });
    expect(s.version).toBe(2);

    const task = await stack.prisma.task.findUniqueOrThrow({ where: { id: police.taskId } });
    expect(task.dueOn?.toISOString().slice(0, 10)).toBe(after.opinion);
    const audit = await stack.prisma.auditEvent.findMany({ where: { dossierCode: input.code, action: { in: ['deadline.changed', 'task.deadline-changed'] } }, orderBy: { id: 'asc' } });
    expect(audit.map((e) => [e.action, (e.newValue as { due: string }).due])).toEqual([
      ['deadline.changed', before.appraisal],
      ['deadline.changed', after.appraisal],
      ['task.deadline-changed', after.opinion],
    ]);

    // The old deadline's timer would have fired when the day after the old due date began; the re-armed one fires a day later.
    const firesAt = (due: string) => started + daysBetween(FILED_ON, addDays(due, 1)) * MS_PER_DAY;
    await sleep(Math.max(0, (firesAt(before.opinion) + firesAt(after.opinion)) / 2 - Date.now()));
    expect((await stack.prisma.task.findUniqueOrThrow({ where: { id: police.taskId } })).status).toBe('OPEN');
    s = await waitForSnapshot(handle, (x) => x.stage === 'SCREENING', 30_000);
    expect(s.opinionTasks.find((t) => t.departmentCode === 'POLICE')).toMatchObject({ status: 'DEEMED' });

    await handle.executeUpdate(withdrawUpdate, { args: [{ actor: 'applicant', reason: 'Kết thúc kịch bản thử' }] });
    await handle.result();
    await recordHistoryFixture(handle, 'calendar-change');
  });
});
