import { checkCompletenessUpdate, decideUpdate, screenApplicantUpdate, submitReportUpdate, submitScoreUpdate, type DossierSnapshot, type ScoreInput } from '../../../workflows/dossier/api';
import { createUser, createWorkflowStack, criteria, ELIGIBLE_FACTS, giveOpinions, recordHistoryFixture, startDossier, waitForSnapshot, type DossierHandle, type WorkflowStack } from './support';

const MS_PER_DAY = 60_000;

/** The report's proposal is fixed when it is submitted: APPROVE ranks the round again. */
describe('approval of a dossier that no longer wins its round', () => {
  let stack: WorkflowStack;

  beforeAll(async () => {
    stack = await createWorkflowStack('wf-approve');
    for (const username of ['wf.chair', 'wf.member1']) await createUser(stack.prisma, { username, role: 'COUNCIL_MEMBER' });
    await createUser(stack.prisma, { username: 'wf.manager', role: 'MANAGER' });
  });
  afterAll(() => stack.close());

  async function screened(clusterCode: string, email: string): Promise<{ handle: DossierHandle; code: string; s: DossierSnapshot }> {
    const { handle, input } = await startDossier(stack, { msPerDay: MS_PER_DAY, clusterCode, email });
    let s = await handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: true, expectedVersion: 0 }] });
    await giveOpinions(handle, s);
    s = await waitForSnapshot(handle, (x) => x.stage === 'SCREENING');
    s = await handle.executeUpdate(screenApplicantUpdate, { args: [{ actor: 'appraiser', facts: ELIGIBLE_FACTS, expectedVersion: s.version }] });
    return { handle, code: input.code, s };
  }
  const score = async (handle: DossierHandle, sheets: Omit<ScoreInput, 'councilRole'>[]) => {
    for (const sheet of sheets) await handle.executeUpdate(submitScoreUpdate, { args: [{ ...sheet, councilRole: sheet.actor === 'wf.chair' ? 'chair' : 'member' }] });
    return waitForSnapshot(handle, (x) => x.scores.length === sheets.length);
  };
  const report = (handle: DossierHandle, s: DossierSnapshot) =>
    handle.executeUpdate(submitReportUpdate, { args: [{ actor: 'appraiser', summary: 'Báo cáo thẩm định đợt lựa chọn.', expectedVersion: s.version }] });
  const approve = (handle: DossierHandle, s: DossierSnapshot) => handle.executeUpdate(decideUpdate, { args: [{ actor: 'wf.manager', outcome: 'APPROVE', reason: '', expectedVersion: s.version }] });

  it('refuses while a dossier of the round is unscored, and once another dossier outranks it; the new winner is approved', async () => {
    const a = await screened('DH-HIEP-HOA-1', 'a@example.vn');
    const b = await screened('DH-HIEP-HOA-1', 'b@example.vn');
    const sa = await score(a.handle, [{ actor: 'wf.chair', criteria: criteria(11, 11, 22, 28) }, { actor: 'wf.member1', criteria: criteria(10, 10, 20, 30) }]);
    const ra = await report(a.handle, sa);
    expect(ra.report).toMatchObject({ proposed: true, unscoredApplicants: [b.code] });

    await expect(approve(a.handle, ra)).rejects.toMatchObject({ cause: { type: 'RoundNotRanked', message: expect.stringContaining(b.code) } });

    const sb = await score(b.handle, [{ actor: 'wf.chair', criteria: criteria(13, 13, 26, 34) }, { actor: 'wf.member1', criteria: criteria(12, 12, 24, 32) }]);
    await expect(approve(a.handle, ra)).rejects.toMatchObject({ cause: { type: 'NotProposed', message: expect.stringContaining(b.code) } });
    expect((await stack.prisma.dossier.findUniqueOrThrow({ where: { code: a.code } })).status).toBe('ACTIVE');

    const rb = await report(b.handle, sb);
    expect(rb.report).toMatchObject({ proposed: true, unscoredApplicants: [] });
    expect(await approve(b.handle, rb)).toMatchObject({ stage: 'MONITORING', status: 'APPROVED' });
    const [resultA, resultB] = await Promise.all([a.handle.result(), b.handle.result()]);
    expect(resultA).toMatchObject({ stage: 'CLOSED', status: 'REJECTED' });
    expect(resultB).toMatchObject({ stage: 'MONITORING', status: 'APPROVED' });
    await recordHistoryFixture(a.handle, 'approve-rechecks-winner');
  });
});
