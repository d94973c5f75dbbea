import {
  checkCompletenessUpdate,
  decideUpdate,
  screenApplicantUpdate,
  submitReportUpdate,
  snapshotQuery,
  submitScoreUpdate,
  type DossierSnapshot,
  type ScoreInput,
} from '../../../workflows/dossier/api';
import {
  createUser,
  createWorkflowStack,
  criteria,
  ELIGIBLE_FACTS,
  giveOpinions,
  recordHistoryFixture,
  startDossier,
  waitForSnapshot,
  type DossierHandle,
  type WorkflowStack,
} from './support';

const MS_PER_DAY = 60_000;

/** Several applicants for one cluster join one selection round and are ranked together. */
describe('a selection round with several applicants', () => {
  let stack: WorkflowStack;

  beforeAll(async () => {
    stack = await createWorkflowStack('wf-round');
    for (const username of ['wf.chair', 'wf.member1']) await createUser(stack.prisma, { username, role: 'COUNCIL_MEMBER' });
    await createUser(stack.prisma, { username: 'wf.manager', role: 'MANAGER' });
  });
  afterAll(() => stack.close());

  async function scored(clusterCode: string, sheets: Omit<ScoreInput, 'councilRole'>[], email: string): Promise<{ handle: DossierHandle; code: string; s: DossierSnapshot }> {
    const { handle, input } = await startDossier(stack, { msPerDay: MS_PER_DAY, clusterCode, email });
    let s = await handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: true, expectedVersion: 0 }] });
    await giveOpinions(handle, s);
    s = await waitForSnapshot(handle, (x) => x.stage === 'SCREENING');
    s = await handle.executeUpdate(screenApplicantUpdate, { args: [{ actor: 'appraiser', facts: ELIGIBLE_FACTS, expectedVersion: s.version }] });
    for (const sheet of sheets) await handle.executeUpdate(submitScoreUpdate, { args: [{ ...sheet, councilRole: sheet.actor === 'wf.chair' ? 'chair' : 'member' }] });
    return { handle, code: input.code, s: await waitForSnapshot(handle, (x) => x.scores.length === sheets.length) };
  }

  const report = (handle: DossierHandle, s: DossierSnapshot) =>
    handle.executeUpdate(submitReportUpdate, { args: [{ actor: 'appraiser', summary: 'Báo cáo thẩm định đợt lựa chọn.', expectedVersion: s.version }] });

  it('two applicants both pass and the higher mean wins; the other cannot be approved', async () => {
    const a = await scored('CD-PHUOC-TUY-1', [{ actor: 'wf.chair', criteria: criteria(13, 13, 26, 34) }, { actor: 'wf.member1', criteria: criteria(12, 12, 24, 32) }], 'a@example.vn');
    const b = await scored('CD-PHUOC-TUY-1', [{ actor: 'wf.chair', criteria: criteria(11, 11, 22, 28) }, { actor: 'wf.member1', criteria: criteria(10, 10, 20, 30) }], 'b@example.vn');
    const c = await startDossier(stack, { msPerDay: MS_PER_DAY, clusterCode: 'CD-PHUOC-TUY-1', email: 'c@example.vn' });
    const sc = await c.handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: true, expectedVersion: 0 }] });
    await giveOpinions(c.handle, sc);
    await waitForSnapshot(c.handle, (x) => x.stage === 'SCREENING');
    const rows = await stack.prisma.dossier.findMany({ where: { code: { in: [a.code, b.code, c.input.code] } } });
    expect(new Set(rows.map((r) => r.roundId)).size).toBe(1);

    const ra = await report(a.handle, a.s);
    expect(ra.report).toMatchObject({ proposed: true, unscoredApplicants: [c.input.code], ranking: { winner: a.code } });
    expect(ra.report?.ranking.ranking.map((r) => [r.rank, r.applicantId, r.meanScore, r.qualifies])).toEqual([
      [1, a.code, 83, true],
      [2, b.code, 71, true],
    ]);
    const rb = await report(b.handle, b.s);
    expect(rb.report).toMatchObject({ proposed: false, ranking: { winner: a.code } });

    await expect(b.handle.executeUpdate(decideUpdate, { args: [{ actor: 'wf.manager', outcome: 'APPROVE', reason: '', expectedVersion: rb.version }] })).rejects.toMatchObject({
      cause: { type: 'NotProposed' },
    });
    // An approval needs every open dossier of the round scored (the ranking is ranked again): C is scored lowest.
    const cs = await c.handle.executeUpdate(screenApplicantUpdate, { args: [{ actor: 'appraiser', facts: ELIGIBLE_FACTS, expectedVersion: (await c.handle.query(snapshotQuery)).version }] });
    expect(cs.stage).toBe('SCORING');
    for (const actor of ['wf.chair', 'wf.member1']) await c.handle.executeUpdate(submitScoreUpdate, { args: [{ actor, councilRole: actor === 'wf.chair' ? 'chair' : 'member', criteria: criteria(10, 10, 20, 25) }] });
    expect(await a.handle.executeUpdate(decideUpdate, { args: [{ actor: 'wf.manager', outcome: 'APPROVE', reason: '', expectedVersion: ra.version }] })).toMatchObject({
      stage: 'MONITORING',
      status: 'APPROVED',
    });
    // Every other open dossier of the round is told: B waiting for its decision, C scored but without a report.
    const [resultB, resultC] = await Promise.all([b.handle.result(), c.handle.result(), a.handle.result()]);
    expect(resultB).toMatchObject({ stage: 'CLOSED', status: 'REJECTED' });
    expect(resultC).toMatchObject({ stage: 'CLOSED', status: 'REJECTED' });
    const closedC = await stack.prisma.auditEvent.findFirstOrThrow({ where: { dossierCode: c.input.code, action: 'dossier.round-decided' } });
    expect(closedC).toMatchObject({ actor: 'wf.manager', newValue: expect.objectContaining({ winnerCode: a.code }) });
    expect(await stack.prisma.task.count({ where: { dossier: { code: c.input.code }, status: 'OPEN' } })).toBe(0);
    await stack.smtp.waitFor((m) => m.subject.includes(c.input.code) && m.text.includes(a.code) && m.to.includes('c@example.vn'));
    const round = await stack.prisma.selectionRound.findUniqueOrThrow({ where: { id: rows[0]?.roundId as string }, include: { winner: true } });
    expect(round).toMatchObject({ status: 'DECIDED', winner: { code: a.code } });
    await stack.smtp.waitFor((m) => m.subject.includes(b.code) && m.text.includes('không chấp thuận') && m.to.includes('b@example.vn'));
    await recordHistoryFixture(b.handle, 'round-outranked-rejected');
  });

  it('leaves a rejected dossier out of the ranking: the next applicant can be proposed and approved', async () => {
    const a = await scored('DH-HIEP-HOA-2', [{ actor: 'wf.chair', criteria: criteria(13, 13, 26, 34) }, { actor: 'wf.member1', criteria: criteria(12, 12, 24, 32) }], 'rej.a@example.vn');
    const b = await scored('DH-HIEP-HOA-2', [{ actor: 'wf.chair', criteria: criteria(11, 11, 22, 28) }, { actor: 'wf.member1', criteria: criteria(10, 10, 20, 30) }], 'rej.b@example.vn');
    const ra = await report(a.handle, a.s);
    expect(ra.report).toMatchObject({ proposed: true, ranking: { winner: a.code } });
    const rejected = await a.handle.executeUpdate(decideUpdate, { args: [{ actor: 'wf.manager', outcome: 'REJECT', reason: 'Phương án tài chính không khả thi.', expectedVersion: ra.version }] });
    expect(rejected).toMatchObject({ stage: 'CLOSED', status: 'REJECTED' });

    const rb = await report(b.handle, b.s);
    expect(rb.report).toMatchObject({ proposed: true, ranking: { winner: b.code } });
    expect(rb.report?.ranking.ranking.map((r) => r.applicantId)).toEqual([b.code]);
    expect(await b.handle.executeUpdate(decideUpdate, { args: [{ actor: 'wf.manager', outcome: 'APPROVE', reason: '', expectedVersion: rb.version }] })).toMatchObject({
      stage: 'MONITORING',
      status: 'APPROVED',
    });
    await Promise.all([a.handle.result(), b.handle.result()]);
  });

  it('breaks a tie on the mean by the rule set policy (Decree 303/2026: financial plan first)', async () => {
    const a = await scored('CD-TAN-CHANH-2', [{ actor: 'wf.chair', criteria: criteria(15, 15, 20, 30) }, { actor: 'wf.member1', criteria: criteria(15, 15, 20, 30) }], 'tie.a@example.vn');
    const b = await scored('CD-TAN-CHANH-2', [{ actor: 'wf.chair', criteria: criteria(10, 10, 25, 35) }, { actor: 'wf.member1', criteria: criteria(10, 10, 25, 35) }], 'tie.b@example.vn');
    const ra = await report(a.handle, a.s);
    expect(ra.report?.ranking.ranking.map((r) => r.meanScore)).toEqual([80, 80]);
    expect(ra.report).toMatchObject({ proposed: false, ranking: { winner: b.code, tieBreak: { method: 'financial-plan', tiedApplicants: [a.code, b.code].sort() } } });
    const rb = await report(b.handle, b.s);
    expect(rb.report).toMatchObject({ proposed: true, ranking: { winner: b.code } });
    await a.handle.terminate('kết thúc kịch bản thử');
    await b.handle.terminate('kết thúc kịch bản thử');
  });

  it('refuses a letter received after the round window closed, with its reason', async () => {
    const first = await startDossier(stack, { msPerDay: MS_PER_DAY, clusterCode: 'VH-TUYEN-BINH', filedOn: '2026-10-05' });
    const round = await stack.prisma.selectionRound.findFirstOrThrow({ where: { cluster: { code: 'VH-TUYEN-BINH' } } });
    // Decree 303/2026: call within 2 WD (07/10), window 5 WD from the call (14/10).
    expect(round.announcementDueOn?.toISOString().slice(0, 10)).toBe('2026-10-07');
    expect(round.windowClosesOn?.toISOString().slice(0, 10)).toBe('2026-10-14');

    const onTime = await startDossier(stack, { msPerDay: MS_PER_DAY, clusterCode: 'VH-TUYEN-BINH', filedOn: '2026-10-14', email: 'ontime@example.vn' });
    expect((await onTime.handle.describe()).status.name).toBe('RUNNING');
    const late = await startDossier(stack, { msPerDay: MS_PER_DAY, clusterCode: 'VH-TUYEN-BINH', filedOn: '2026-10-15', email: 'late@example.vn' });
    expect(await late.handle.result()).toMatchObject({ stage: 'CLOSED', status: 'REFUSED', version: 0 });
    const row = await stack.prisma.dossier.findUniqueOrThrow({ where: { code: late.input.code } });
    expect(row).toMatchObject({ stage: 'CLOSED', status: 'REFUSED', roundId: round.id });
    const [mail] = await stack.smtp.waitFor((m) => m.to.includes('late@example.vn') && m.subject.includes(late.input.code));
    expect(mail?.text).toContain('14/10/2026');
    const refusal = await stack.prisma.auditEvent.findFirstOrThrow({ where: { dossierCode: late.input.code, action: 'dossier.refused-late' } });
    expect((refusal.newValue as { reason: string }).reason).toContain('hết thời hạn');
    await recordHistoryFixture(late.handle, 'round-late-refused');
    await first.handle.terminate('kết thúc kịch bản thử');
    await onTime.handle.terminate('kết thúc kịch bản thử');
  });
});
