import { withdrawUpdate } from '../../../workflows/dossier/api';
import { announceCallUpdate, decideRoundUpdate, submitDossiersUpdate, submitRoundReportUpdate } from '../../../workflows/round/api';
import { appraise, fileLetter, roundHandle, score, scoreAll, waitForRound } from './round-support';
import { MONITORING_TASK_KINDS } from '../../../domain';
import { createUser, createWorkflowStack, recordHistoryFixture, type WorkflowStack } from './support';

/** One virtual day lasts one second: decree 303/2026's 5-working-day window closes in about a week of seconds. */
const MS_PER_DAY = 1_000;
const FILED_ON = '2026-10-05';


describe('a selection round as a workflow', () => {
  let stack: WorkflowStack;

  beforeAll(async () => {
    stack = await createWorkflowStack('wf-round');
    await createUser(stack.prisma, { username: 'wf.chair', role: 'COUNCIL_MEMBER', seat: 'CHAIR' });
    await createUser(stack.prisma, { username: 'wf.member', role: 'COUNCIL_MEMBER', seat: 'MEMBER' });
    await createUser(stack.prisma, { username: 'wf.secretary', role: 'COUNCIL_MEMBER', seat: 'SECRETARY' });
    await createUser(stack.prisma, { username: 'wf.manager', role: 'MANAGER', email: 'manager@example.gov.vn' });
    await createUser(stack.prisma, { username: 'wf.pc', role: 'REVIEWER', departmentCode: 'COMMUNE_PC', email: 'commune.pc@example.gov.vn' });
  });
  afterAll(() => stack.close());

  it('runs the call, the window, the submission, each appraisal, one report and one decision, and tells every applicant once', async () => {
    const a = await fileLetter(stack, { clusterCode: 'DH-HIEP-HOA-1', filedOn: FILED_ON, msPerDay: MS_PER_DAY });
    const b = await fileLetter(stack, { clusterCode: 'DH-HIEP-HOA-1', filedOn: FILED_ON, msPerDay: MS_PER_DAY });
    const c = await fileLetter(stack, { clusterCode: 'DH-HIEP-HOA-1', filedOn: FILED_ON, msPerDay: MS_PER_DAY });
    expect([a.roundCode, b.roundCode, c.roundCode]).toEqual(['DH-HIEP-HOA-1-R1', 'DH-HIEP-HOA-1-R1', 'DH-HIEP-HOA-1-R1']);
    const round = roundHandle(stack, a.roundCode);

    let r = await waitForRound(round, (x) => x.stage === 'CALL_PENDING' && x.version === 1);
    expect(r.deadlines.callAnnouncement?.due).toBe('2026-10-07');
    // The public call's task is the commune PC's (decree 303/2026, two-level government), mailed to its officer.
    await stack.smtp.waitFor((m) => m.to.includes('commune.pc@example.gov.vn') && m.subject.includes('thông báo công khai'));
    // An approval before the window closes is refused: the round is not at its decision.
    await expect(round.executeUpdate(decideRoundUpdate, { args: [{ actor: 'wf.manager', outcome: 'APPROVE', reason: '', expectedVersion: r.version }] })).rejects.toMatchObject({ cause: { type: 'WrongStage' } });

    r = await round.executeUpdate(announceCallUpdate, { args: [{ actor: 'wf.pc', announcedOn: FILED_ON, publishedAt: 'Báo Long An số 123', expectedVersion: r.version }] });
    expect(r.stage).toBe('WINDOW_OPEN');
    expect(r.deadlines.applicationWindow).toMatchObject({ from: FILED_ON, due: '2026-10-12', unit: 'working-days' });

    r = await waitForRound(round, (x) => x.stage === 'COMPILATION');
    // A letter after the window is a refused dossier, with the closing date, and its applicant is told.
    const late = await fileLetter(stack, { clusterCode: 'DH-HIEP-HOA-1', filedOn: '2026-10-14', msPerDay: MS_PER_DAY, email: 'late@example.vn' });
    expect(late.refusal).toContain('12/10/2026');
    expect(await late.handle.result()).toEqual({ code: late.input.code, outcome: 'REFUSED' });
    expect(await stack.prisma.dossier.findUniqueOrThrow({ where: { code: late.input.code } })).toMatchObject({ stage: 'CLOSED', status: 'REFUSED' });
    await stack.smtp.waitFor((m) => m.to.includes('late@example.vn') && m.subject.includes('không tiếp nhận'));
    // The dossiers wait for the submission to DOIT: none is at its completeness check yet.
    expect((await stack.prisma.dossier.findMany({ where: { code: { in: [a.input.code, b.input.code, c.input.code] } } })).map((d) => d.stage)).toEqual(['COMPILATION', 'COMPILATION', 'COMPILATION']);

    r = await round.executeUpdate(submitDossiersUpdate, { args: [{ actor: 'wf.pc', expectedVersion: r.version }] });
    expect(r.stage).toBe('APPRAISAL');

    await appraise(a, { eligible: true });
    await appraise(b, { eligible: true, supplement: true });
    expect(await appraise(c, { eligible: false })).toMatchObject({ stage: 'CLOSED', status: 'REFUSED' });
    // A sheet from someone who is no user is refused by the Update itself, and the seat stays open.
    await expect(score(a, 'wf.nobody', [14, 13, 27, 36])).rejects.toMatchObject({ cause: { type: 'UnknownUser', message: 'Không có thành viên Hội đồng wf.nobody.' } });
    await scoreAll(a, [14, 13, 27, 36], 'wf.member');
    await scoreAll(b, [11, 10, 21, 26]);
    // One sheet still awaited: the round cannot report yet.
    expect((await waitForRound(round, (x) => x.applicants.some((p) => p.standing === 'SCORED'))).stage).toBe('APPRAISAL');
    await score(a, 'wf.member', [13, 14, 26, 35]);

    r = await waitForRound(round, (x) => x.stage === 'REPORT');
    expect(r.applicants.map((x) => [x.code, x.standing])).toEqual([
      [a.input.code, 'SCORED'],
      [b.input.code, 'SCORED'],
      [c.input.code, 'REFUSED'],
    ]);
    r = await round.executeUpdate(submitRoundReportUpdate, { args: [{ actor: 'appraiser', summary: 'Đề xuất nhà đầu tư có điểm cao nhất.', expectedVersion: r.version }] });
    r = await waitForRound(round, (x) => x.stage === 'DECISION');
    expect(r.report).toMatchObject({ proposed: a.input.code });
    expect(r.report?.ranking.ranking.map((x) => x.applicantId)).toEqual([a.input.code, b.input.code]);

    r = await round.executeUpdate(decideRoundUpdate, { args: [{ actor: 'wf.manager', outcome: 'APPROVE', reason: '', expectedVersion: r.version }] });
    expect(await a.handle.result()).toEqual({ code: a.input.code, outcome: 'APPROVED' });
    expect(await b.handle.result()).toEqual({ code: b.input.code, outcome: 'NOT_SELECTED' });
    const decided = await round.result();
    expect(decided.stage).toBe('DECIDED');

    const rows = await stack.prisma.dossier.findMany({ where: { code: { in: [a.input.code, b.input.code] } }, orderBy: { code: 'asc' } });
    expect(Object.fromEntries(rows.map((d) => [d.code, `${d.stage}/${d.status}`]))).toEqual({ [a.input.code]: 'MONITORING/APPROVED', [b.input.code]: 'CLOSED/REJECTED' });
    const roundRow = await stack.prisma.selectionRound.findUniqueOrThrow({ where: { code: a.roundCode }, include: { winner: true, decisions: true } });
    expect(roundRow).toMatchObject({ status: 'DECIDED', winner: { code: a.input.code } });
    expect(roundRow.decisions.map((d) => d.outcome)).toEqual(['APPROVE']);
    // Every applicant told its own result exactly once; the refused one only its refusal.
    for (const dossier of [a, b]) {
      expect(await stack.prisma.mailOutbox.count({ where: { dossierCode: dossier.input.code, idempotencyKey: { endsWith: ':round-result' } } })).toBe(1);
    }
    expect(await stack.prisma.mailOutbox.count({ where: { dossierCode: c.input.code, idempotencyKey: { endsWith: ':round-result' } } })).toBe(0);
    // The round's and the appraisal's tasks are all closed; what stays open is the approved cluster's monitoring.
    const open = await stack.prisma.task.findMany({ where: { OR: [{ roundId: roundRow.id }, { dossier: { roundId: roundRow.id } }], status: 'OPEN' }, include: { dossier: true } });
    expect(open.filter((t) => !MONITORING_TASK_KINDS.has(t.kind) || t.dossier?.code !== a.input.code)).toEqual([]);
    // A letter for a cluster that has its investor is refused.
    const after = await fileLetter(stack, { clusterCode: 'DH-HIEP-HOA-1', filedOn: '2026-11-02', msPerDay: MS_PER_DAY });
    expect(after.refusal).toContain('đã có chủ đầu tư');

    await recordHistoryFixture(round, 'round-decided');
    await recordHistoryFixture(a.handle, 'dossier-approved-in-round');
    await recordHistoryFixture(b.handle, 'dossier-supplement-not-selected');
    // Recorded after the staff notices became one activity (patched 'staff-notice-activity'); the
    // three above keep the histories of the activity per recipient and per mail. The round's is named
    // by its workflow id, since its cluster's monitoring child takes its id from it.
    await recordHistoryFixture(round, (await round.describe()).workflowId);
    await recordHistoryFixture(a.handle, 'staff-notice-activity-dossier');
    // Recorded after recordScore took over the member check (patched 'score-member-checked-by-record'), with its refusal.
    await recordHistoryFixture(a.handle, 'score-checked-by-record-dossier');
  });

  it('closes a round whose applicants all withdrew as without an investor, and the next letter opens a new round', async () => {
    const a = await fileLetter(stack, { clusterCode: 'CD-PHUOC-TUY-1', filedOn: FILED_ON, msPerDay: MS_PER_DAY });
    const round = roundHandle(stack, a.roundCode);
    const r = await waitForRound(round, (x) => x.stage === 'CALL_PENDING' && x.version === 1);
    await round.executeUpdate(announceCallUpdate, { args: [{ actor: 'wf.pc', announcedOn: FILED_ON, publishedAt: 'Cổng thông tin điện tử tỉnh', expectedVersion: r.version }] });
    await a.handle.executeUpdate(withdrawUpdate, { args: [{ actor: 'intake.officer', reason: 'Doanh nghiệp thay đổi kế hoạch.' }] });
    expect(await a.handle.result()).toEqual({ code: a.input.code, outcome: 'WITHDRAWN' });
    const closed = await round.result();
    expect(closed.stage).toBe('NO_INVESTOR');
    expect(await stack.prisma.selectionRound.findUniqueOrThrow({ where: { code: a.roundCode } })).toMatchObject({ status: 'NO_INVESTOR', winnerDossierId: null });

    const next = await fileLetter(stack, { clusterCode: 'CD-PHUOC-TUY-1', filedOn: '2026-10-26', msPerDay: MS_PER_DAY });
    expect(next).toMatchObject({ roundCode: 'CD-PHUOC-TUY-1-R2', refusal: undefined });
    await waitForRound(roundHandle(stack, next.roundCode), (x) => x.stage === 'CALL_PENDING' && x.applicants.length === 1);
    await recordHistoryFixture(round, 'round-all-withdrawn');
    await roundHandle(stack, next.roundCode).terminate('kết thúc kịch bản thử');
    await next.handle.terminate('kết thúc kịch bản thử');
  });

  it('opens exactly one round for two first letters at the same instant', async () => {
    const [x, y] = await Promise.all([
      fileLetter(stack, { clusterCode: 'TTR-TAN-BINH-2', filedOn: FILED_ON, msPerDay: 60_000 }),
      fileLetter(stack, { clusterCode: 'TTR-TAN-BINH-2', filedOn: FILED_ON, msPerDay: 60_000 }),
    ]);
    expect(x.roundCode).toBe(y.roundCode);
    const r = await waitForRound(roundHandle(stack, x.roundCode), (s) => s.applicants.length === 2);
    expect(r.applicants.map((p) => p.code).sort()).toEqual([x.input.code, y.input.code].sort());
    expect(await stack.prisma.selectionRound.count({ where: { cluster: { code: 'TTR-TAN-BINH-2' } } })).toBe(1);
    await roundHandle(stack, x.roundCode).terminate('kết thúc kịch bản thử');
  });

  it('runs on the real clock too: a call announced a month ago has its window over, and the round waits for the submission', async () => {
    const monthAgo = new Date(Date.now() + 7 * 3_600_000 - 30 * 86_400_000).toISOString().slice(0, 10);
    const a = await fileLetter(stack, { clusterCode: 'VH-BINH-CHAU', filedOn: monthAgo, msPerDay: 86_400_000 });
    const round = roundHandle(stack, a.roundCode);
    const r = await waitForRound(round, (x) => x.stage === 'CALL_PENDING' && x.version === 1);
    await round.executeUpdate(announceCallUpdate, { args: [{ actor: 'wf.pc', announcedOn: monthAgo, publishedAt: 'Báo Long An', expectedVersion: r.version }] });
    const compiled = await waitForRound(round, (x) => x.stage === 'COMPILATION');
    expect(compiled.deadlines.dossierSubmission?.from).toBe(compiled.deadlines.applicationWindow?.due);
    await recordHistoryFixture(round, 'round-real-clock-compilation');
    await round.terminate('kết thúc kịch bản thử');
    await a.handle.terminate('kết thúc kịch bản thử');
  });
});
