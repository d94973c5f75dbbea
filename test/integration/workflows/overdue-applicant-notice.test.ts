import { calendarChangedSignal, checkCompletenessUpdate, decideUpdate, screenApplicantUpdate, submitReportUpdate, submitScoreUpdate } from '../../../workflows/dossier/api';
import { createUser, createWorkflowStack, criteria, ELIGIBLE_FACTS, giveOpinions, recordHistoryFixture, sleep, startDossier, waitForSnapshot, type WorkflowStack } from './support';

const MS_PER_DAY = 3_000;
// A Friday (decree-303-2026: decision within 5 working days). Filing, opinions, screening, scoring
// and the report take a few seconds: whether the report lands on Fri 09/10, Sat 10/10 or Sun 11/10,
// the decision is due on the same day, so a slow machine does not change the dates below.
const FILED_ON = '2026-10-09';

/*
 * The dates, from the law on the seeded calendar (no holiday in October 2026, weekends off):
 * - report on 09/10 (or the weekend after) → decision due 5 WD later: Fri 16/10;
 * - the deadline passes when Sat 17/10 begins: the overdue is detected on 17/10;
 * - new expected date = the decision stage's own limit (5 WD) counted again from 17/10 (the day of
 *   the event is not counted): (Sun 18 skipped) Mon 19, Tue 20, Wed 21, Thu 22, Fri 23/10.
 */
const DECISION_DUE = '2026-10-16';
const DETECTED_ON = '2026-10-17';
const REVISED = {
  from: DETECTED_ON,
  due: '2026-10-23',
  amount: 5,
  unit: 'working-days',
  skipped: [{ date: '2026-10-18', reason: 'Chủ nhật (Sunday)' }],
};

describe('a decision past its deadline: the applicant gets one apology notice with the new expected date', () => {
  let stack: WorkflowStack;

  beforeAll(async () => {
    stack = await createWorkflowStack('wf-overdue-notice');
    await createUser(stack.prisma, { username: 'wf.member', role: 'COUNCIL_MEMBER' });
    await createUser(stack.prisma, { username: 'wf.leader', role: 'MANAGER', email: 'leader@example.gov.vn' });
  });
  afterAll(() => stack.close());

  it('tells the managers once and the applicant once, stores the revised deadline with its audit record, and still takes the decision', async () => {
    const applicant = 'late.investor@example.vn';
    const { handle, input } = await startDossier(stack, { msPerDay: MS_PER_DAY, filedOn: FILED_ON, clusterCode: 'TTH-TAN-BINH', email: applicant });
    let s = await handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: true, expectedVersion: 0 }] });
    await giveOpinions(handle, s);
    s = await waitForSnapshot(handle, (x) => x.stage === 'SCREENING');
    s = await handle.executeUpdate(screenApplicantUpdate, { args: [{ actor: 'appraiser', facts: ELIGIBLE_FACTS, expectedVersion: s.version }] });
    await handle.executeUpdate(submitScoreUpdate, { args: [{ actor: 'wf.member', councilRole: 'member', criteria: criteria(12, 12, 24, 32) }] });
    s = await handle.executeUpdate(submitReportUpdate, { args: [{ actor: 'appraiser', summary: 'Đề xuất chọn nhà đầu tư.', expectedVersion: s.version }] });
    expect(['2026-10-09', '2026-10-10', '2026-10-11']).toContain(s.report?.on);
    expect({ stage: s.stage, decisionDue: s.deadlines.decision?.due }).toEqual({ stage: 'DECISION', decisionDue: DECISION_DUE });
    const isNotice = (m: { to: string[]; subject: string }) => m.to.includes(applicant) && m.subject.includes(input.code) && m.subject.includes('Thư xin lỗi');
    expect(stack.smtp.messages.some(isNotice)).toBe(false);

    const [notice] = await stack.smtp.waitFor(isNotice, 1, 90_000);
    expect(notice?.subject).toBe(`[${input.code}] Thư xin lỗi: hồ sơ chậm ở bước quyết định`);
    expect(notice?.text).toContain('xin lỗi');
    expect(notice?.text).toContain('Hạn giải quyết của bước này là ngày 16/10/2026.');
    expect(notice?.text).toContain('Thời hạn hẹn trả kết quả mới của bước này: ngày 23/10/2026 (5 ngày làm việc');
    expect(notice?.text).toContain('18/10/2026: Chủ nhật (Sunday)');
    await stack.smtp.waitFor((m) => m.to.includes('leader@example.gov.vn') && m.subject.includes(input.code) && m.subject.includes('Quá hạn'), 1, 30_000);

    // The read model: the revised deadline next to the missed one, explained; its audit record.
    s = await waitForSnapshot(handle, (x) => x.deadlines.decisionRevised !== undefined);
    expect(s.deadlines.decisionRevised).toEqual(REVISED);
    expect(s.deadlines.decision?.due).toBe(DECISION_DUE);
    const dossier = await stack.prisma.dossier.findUniqueOrThrow({ where: { code: input.code } });
    expect((dossier.deadlines as Record<string, unknown>).decisionRevised).toEqual(REVISED);
    expect(dossier.version).toBe(s.version);
    const audits = await stack.prisma.auditEvent.findMany({ where: { dossierCode: input.code, action: 'dossier.overdue-notice' } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actor: 'system',
      entityType: 'Dossier',
      entityId: dossier.id,
      oldValue: { stage: 'decision', expectedDate: DECISION_DUE },
      newValue: { stage: 'decision', n: 1, missedDue: DECISION_DUE, expectedDate: REVISED.due, deadline: { name: 'decisionRevised', ...REVISED } },
    });
    const outbox = await stack.prisma.mailOutbox.findMany({ where: { dossierCode: input.code, idempotencyKey: { contains: 'overdue-notice' } } });
    expect(outbox.map((m) => m.idempotencyKey)).toEqual([`${input.code}:overdue-notice:decision:1`]);
    const task = await stack.prisma.task.findFirstOrThrow({ where: { dossier: { code: input.code }, kind: 'DECISION' } });
    expect(task).toMatchObject({ status: 'OPEN', role: 'MANAGER' });

    // An administrator gives a day off inside the new window: the new expected date follows the
    // calendar like every open deadline (Sun 18, Tue 20, Sat 24, Sun 25 skipped → Mon 26/10).
    const dayOff = { date: '2026-10-20', reason: 'Nghỉ đột xuất (thử nghiệm)' };
    await stack.prisma.calendarEntry.create({ data: { date: new Date(`${dayOff.date}T00:00:00Z`), working: false, reason: dayOff.reason, source: 'ADMIN' } });
    await handle.signal(calendarChangedSignal, { date: dayOff.date });
    s = await waitForSnapshot(handle, (x) => x.deadlines.decisionRevised?.due !== REVISED.due);
    const moved = {
      ...REVISED,
      due: '2026-10-26',
      skipped: [
        { date: '2026-10-18', reason: 'Chủ nhật (Sunday)' },
        dayOff,
        { date: '2026-10-24', reason: 'Thứ Bảy (Saturday)' },
        { date: '2026-10-25', reason: 'Chủ nhật (Sunday)' },
      ],
    };
    expect(s.deadlines.decisionRevised).toEqual(moved);
    expect(s.deadlines.decision?.due).toBe(DECISION_DUE);
    const changes = await stack.prisma.auditEvent.findMany({ where: { dossierCode: input.code, action: 'deadline.changed' } });
    expect(changes.filter((e) => (e.newValue as { name?: string }).name === 'decisionRevised').map((e) => [(e.oldValue as { due: string }).due, (e.newValue as { due: string }).due])).toEqual([
      [REVISED.due, moved.due],
    ]);

    // Two more virtual days: nothing is sent again while the decision is still awaited.
    await sleep(2 * MS_PER_DAY);
    s = await handle.executeUpdate(decideUpdate, { args: [{ actor: 'wf.leader', outcome: 'APPROVE', reason: '', expectedVersion: s.version }] });
    expect(s).toMatchObject({ stage: 'MONITORING', status: 'APPROVED' });
    await handle.result();
    expect(stack.smtp.messages.filter(isNotice)).toHaveLength(1);
    expect(stack.smtp.messages.filter((m) => m.to.includes('leader@example.gov.vn') && m.subject.includes('Quá hạn'))).toHaveLength(1);
    await recordHistoryFixture(handle, 'decision-overdue-applicant-notice');
  });
});
