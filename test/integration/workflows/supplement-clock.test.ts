import { addWorkingDays, workingDaysBetween, type Deadline } from '../../../domain';
import {
  checkCompletenessUpdate,
  requestSupplementUpdate,
  submitSupplementUpdate,
  snapshotQuery,
  withdrawUpdate,
} from '../../../workflows/dossier/api';
import { calendar, createWorkflowStack, giveOpinions, recordHistoryFixture, sleep, startDossier, waitForSnapshot, type WorkflowStack } from './support';

const MS_PER_DAY = 1_500;

describe('supplements and the appraisal clock', () => {
  let stack: WorkflowStack;

  beforeAll(async () => {
    stack = await createWorkflowStack('wf-clock');
  });
  afterAll(() => stack.close());

  it('asks for a supplement at intake without a clock, then starts the clock when the dossier is complete', async () => {
    const { handle, input } = await startDossier(stack, { msPerDay: MS_PER_DAY });
    let s = await handle.executeUpdate(checkCompletenessUpdate, {
      args: [{ actor: 'intake.officer', complete: false, missing: ['Báo cáo tài chính đã kiểm toán 2024', 'Bản đồ ranh giới'], expectedVersion: 1 }],
    });
    expect(s).toMatchObject({ stage: 'SUPPLEMENT_REQUESTED', status: 'ON_HOLD', version: 2, clock: null, missing: ['Báo cáo tài chính đã kiểm toán 2024', 'Bản đồ ranh giới'] });
    const [mail] = await stack.smtp.waitFor((m) => m.subject.includes(input.code) && m.subject.includes('bổ sung'));
    expect(mail?.to).toEqual([input.applicant.email]);
    expect(mail?.text).toContain('Bản đồ ranh giới');
    expect(await stack.prisma.dossier.findUniqueOrThrow({ where: { code: input.code } })).toMatchObject({ stage: 'SUPPLEMENT_REQUESTED', status: 'ON_HOLD', version: 2 });

    // A second supplement before any request is refused by the validator.
    s = await handle.executeUpdate(submitSupplementUpdate, { args: [{ actor: 'applicant', documents: ['BCTC 2024', 'Bản đồ'] }] });
    expect(s).toMatchObject({ stage: 'COMPLETENESS_CHECK', status: 'ACTIVE', version: 3, missing: [] });
    await expect(handle.executeUpdate(submitSupplementUpdate, { args: [{ actor: 'applicant', documents: ['x'] }] })).rejects.toMatchObject({
      cause: { type: 'WrongStage' },
    });

    s = await handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: true, expectedVersion: 3 }] });
    expect(s).toMatchObject({ stage: 'DEPARTMENT_OPINIONS', status: 'ACTIVE', version: 4 });
    const clock = s.clock;
    expect(clock).toMatchObject({ budget: { amount: 20, unit: 'working-days' }, pauses: [] });
    const appraisal = s.deadlines.appraisal as Deadline;
    expect(appraisal.due).toBe(addWorkingDays(calendar(), clock?.startedOn as string, 20).due);
    const row = await stack.prisma.dossier.findUniqueOrThrow({ where: { code: input.code } });
    expect((row.deadlines as Record<string, Deadline>).appraisal).toEqual(appraisal);
    expect(s.opinionTasks.map((t) => t.departmentCode)).toEqual(['DOF', 'DAE', 'DOC', 'POLICE', 'COMMUNE_PC']);

    await handle.executeUpdate(withdrawUpdate, { args: [{ actor: 'applicant', reason: 'Thay đổi kế hoạch đầu tư' }] });
    expect(await handle.result()).toEqual({ code: input.code, outcome: 'WITHDRAWN' });
    const closed = await handle.query(snapshotQuery);
    expect(closed).toMatchObject({ stage: 'CLOSED', status: 'WITHDRAWN' });
    expect(closed.opinionTasks.every((t) => t.status === 'CANCELLED')).toBe(true);
    expect(await stack.prisma.task.count({ where: { dossier: { code: input.code }, status: 'CANCELLED' } })).toBe(5);
    await stack.smtp.waitFor((m) => m.subject.includes(input.code) && m.subject.includes('rút hồ sơ'));
    await recordHistoryFixture(handle, 'intake-supplement-then-withdrawn');
  });

  it('pauses the clock while a supplement is awaited during the appraisal and moves the due date by exactly the paused working days', async () => {
    const { handle, input } = await startDossier(stack, { msPerDay: MS_PER_DAY });
    let s = await handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: true, expectedVersion: 1 }] });
    const dueBefore = (s.deadlines.appraisal as Deadline).due;
    await giveOpinions(handle, s);
    s = await waitForSnapshot(handle, (x) => x.stage === 'SCREENING');

    s = await handle.executeUpdate(requestSupplementUpdate, {
      args: [{ actor: 'appraiser', missing: ['Cam kết cấp tín dụng của ngân hàng'], expectedVersion: s.version }],
    });
    expect(s).toMatchObject({ stage: 'SUPPLEMENT_REQUESTED', status: 'ON_HOLD' });
    const pausedOn = s.clock?.pauses[0]?.from as string;
    expect(s.clock?.pauses).toEqual([{ from: pausedOn, to: null, reason: expect.stringContaining('Cam kết cấp tín dụng') }]);

    await sleep(4.5 * MS_PER_DAY);
    s = await handle.executeUpdate(submitSupplementUpdate, { args: [{ actor: 'applicant', documents: ['Cam kết tín dụng số 12/2026'] }] });
    expect(s).toMatchObject({ stage: 'COMPLETENESS_CHECK', status: 'ACTIVE' });
    const resumedOn = s.clock?.pauses[0]?.to as string;
    const paused = workingDaysBetween(calendar(), pausedOn, resumedOn);
    expect(paused).toBeGreaterThan(0);
    const dueAfter = (s.deadlines.appraisal as Deadline).due;
    expect(dueAfter).toBe(addWorkingDays(calendar(), dueBefore, paused).due);

    const row = await stack.prisma.dossier.findUniqueOrThrow({ where: { code: input.code } });
    expect((row.deadlines as Record<string, Deadline>).appraisal?.due).toBe(dueAfter);
    expect(row.clock).toEqual(s.clock);
    const changes = await stack.prisma.auditEvent.findMany({ where: { dossierCode: input.code, action: 'deadline.changed' }, orderBy: { id: 'asc' } });
    expect(changes.map((c) => [(c.oldValue as { due?: string } | null)?.due ?? null, (c.newValue as { due: string }).due])).toEqual([
      [null, dueBefore],
      [dueBefore, dueAfter],
    ]);

    s = await handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: true, expectedVersion: s.version }] });
    expect(s).toMatchObject({ stage: 'SCREENING', status: 'ACTIVE' });
    await handle.executeUpdate(withdrawUpdate, { args: [{ actor: 'applicant', reason: 'Rút hồ sơ' }] });
    expect(await handle.result()).toMatchObject({ outcome: 'WITHDRAWN' });
    const actions = (await stack.prisma.auditEvent.findMany({ where: { dossierCode: input.code }, orderBy: { id: 'asc' } })).map((e) => e.action);
    expect(actions.filter((a) => a.startsWith('dossier.'))).toEqual([
      'dossier.filed',
      'dossier.sent-for-appraisal',
      'dossier.complete',
      'dossier.supplement-requested',
      'dossier.supplement-received',
      'dossier.complete',
      'dossier.withdrawn',
    ]);
    await recordHistoryFixture(handle, 'appraisal-supplement-clock');
  });
});
