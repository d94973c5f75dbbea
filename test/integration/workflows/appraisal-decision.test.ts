import {
  checkCompletenessUpdate,
  decideUpdate,
  screenApplicantUpdate,
  submitReportUpdate,
  submitScoreUpdate,
  type DossierSnapshot,
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

/** Long virtual days: no deadline fires while these scenarios run. */
const MS_PER_DAY = 60_000;

describe('screening, council scoring, appraisal report and decision', () => {
  let stack: WorkflowStack;

  beforeAll(async () => {
    stack = await createWorkflowStack('wf-decision');
    for (const username of ['wf.chair', 'wf.member1', 'wf.member2', 'wf.secretary']) await createUser(stack.prisma, { username, role: 'COUNCIL_MEMBER' });
    await createUser(stack.prisma, { username: 'wf.manager', role: 'MANAGER' });
  });
  afterAll(() => stack.close());

  /** Each scenario uses its own cluster, hence its own selection round. */
  async function toScreening(clusterCode: string, email = 'investor@example.vn'): Promise<{ handle: DossierHandle; code: string; s: DossierSnapshot }> {
    const { handle, input } = await startDossier(stack, { msPerDay: MS_PER_DAY, email, clusterCode });
    const s = await handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: true, expectedVersion: 0 }] });
    await giveOpinions(handle, s);
    return { handle, code: input.code, s: await waitForSnapshot(handle, (x) => x.stage === 'SCREENING') };
  }

  async function screenedEligible(clusterCode: string): Promise<{ handle: DossierHandle; code: string; s: DossierSnapshot }> {
    const { handle, code, s } = await toScreening(clusterCode);
    const screened = await handle.executeUpdate(screenApplicantUpdate, { args: [{ actor: 'appraiser', facts: ELIGIBLE_FACTS, expectedVersion: s.version }] });
    expect(screened).toMatchObject({ stage: 'SCORING', status: 'ACTIVE', screening: { eligible: true, failures: [] } });
    return { handle, code, s: screened };
  }

  it('rejects an ineligible applicant with every failed criterion and tells it by mail', async () => {
    const { handle, code, s } = await toScreening('TTR-TAN-BINH-1', 'weak.investor@example.vn');
    const facts = { ...ELIGIBLE_FACTS, landAreaHa: 15, equityVnd: 100_000_000_000, financialEvidence: [] as never[] };
    const refused = await handle.executeUpdate(screenApplicantUpdate, { args: [{ actor: 'appraiser', facts, expectedVersion: s.version }] });
    expect(refused).toMatchObject({ stage: 'CLOSED', status: 'REFUSED', screening: { eligible: false } });
    expect(refused.screening?.failures.map((f) => f.criterion)).toEqual(['equity', 'financial-evidence']);
    expect(await handle.result()).toMatchObject({ stage: 'CLOSED', status: 'REFUSED' });

    const row = await stack.prisma.dossier.findUniqueOrThrow({ where: { code } });
    expect(row).toMatchObject({ stage: 'CLOSED', status: 'REFUSED', screening: refused.screening, facts });
    const [mail] = await stack.smtp.waitFor((m) => m.subject.includes(code) && m.subject.includes('sơ tuyển'));
    expect(mail?.to).toEqual(['weak.investor@example.vn']);
    expect(mail?.text).toContain('Vốn chủ sở hữu');
    expect(mail?.text).toContain('năng lực tài chính');
    await recordHistoryFixture(handle, 'screening-refused');
  });

  it('scores, reports, returns the report for rework, then approves the proposed investor', async () => {
    const { handle, code } = await screenedEligible('DH-HIEP-HOA-1');

    const score = (actor: string, councilRole: 'chair' | 'member' | 'secretary', points = criteria(12, 12, 24, 32)) =>
      handle.executeUpdate(submitScoreUpdate, { args: [{ actor, councilRole, criteria: points }] });
    await expect(score('wf.secretary', 'secretary')).rejects.toMatchObject({ cause: { type: 'InvalidScore' } });
    await expect(score('wf.chair', 'chair', criteria(16, 12, 24, 32))).rejects.toMatchObject({ cause: { type: 'InvalidScore' } });
    await expect(score('nobody', 'member')).rejects.toMatchObject({ cause: { type: 'UnknownUser' } });
    expect(await score('wf.chair', 'chair')).toEqual({ member: 'wf.chair', councilRole: 'chair', total: 80 });
    await expect(score('wf.chair', 'chair')).rejects.toMatchObject({ cause: { type: 'DuplicateScore' } });
    await score('wf.member1', 'member', criteria(10, 10, 20, 30));
    await score('wf.member2', 'member', criteria(14, 13, 27, 36));
    expect(await stack.prisma.score.count({ where: { dossier: { code } } })).toBe(3);

    let s = await waitForSnapshot(handle, (x) => x.scores.length === 3);
    s = await handle.executeUpdate(submitReportUpdate, { args: [{ actor: 'appraiser', summary: 'Đề xuất lựa chọn nhà đầu tư.', expectedVersion: s.version }] });
    expect(s).toMatchObject({ stage: 'DECISION', status: 'ACTIVE', report: { proposed: true, ranking: { winner: code } } });
    expect(s.report?.ranking.ranking[0]).toMatchObject({ applicantId: code, meanScore: 80, qualifies: true, voters: 3 });
    expect(s.deadlines.decision).toMatchObject({ amount: 5, unit: 'working-days' });
    // The inbox's read model: the manager's decision task is the only open role task, due by the decision deadline.
    const openRoleTasks = async () =>
      (await stack.prisma.task.findMany({ where: { dossier: { code }, status: 'OPEN', kind: { not: 'DEPARTMENT_OPINION' } } })).map((t) => [t.kind, t.role, t.dueOn?.toISOString().slice(0, 10) ?? null]);
    expect(await openRoleTasks()).toEqual([['DECISION', 'MANAGER', s.deadlines.decision?.due]]);

    await expect(
      handle.executeUpdate(decideUpdate, { args: [{ actor: 'wf.manager', outcome: 'RETURN', reason: 'Bổ sung đánh giá phương án tài chính', expectedVersion: s.version - 1 }] }),
    ).rejects.toMatchObject({ cause: { type: 'StaleVersion' } });
    await expect(
      handle.executeUpdate(decideUpdate, { args: [{ actor: 'someone', outcome: 'APPROVE', reason: '', expectedVersion: s.version }] }),
    ).rejects.toMatchObject({ cause: { type: 'UnknownUser' } });
    s = await handle.executeUpdate(decideUpdate, { args: [{ actor: 'wf.manager', outcome: 'RETURN', reason: 'Bổ sung đánh giá phương án tài chính', expectedVersion: s.version }] });
    expect(s).toMatchObject({ stage: 'APPRAISAL_REPORT', status: 'RETURNED', decision: { outcome: 'RETURN' } });
    expect(s.deadlines.decision).toBeUndefined();
    expect(await openRoleTasks()).toEqual([['APPRAISAL_REPORT', 'APPRAISER', s.deadlines.appraisal?.due]]);

    s = await handle.executeUpdate(submitReportUpdate, { args: [{ actor: 'appraiser', summary: 'Báo cáo đã hoàn thiện.', expectedVersion: s.version }] });
    expect(s).toMatchObject({ stage: 'DECISION', status: 'ACTIVE', report: { summary: 'Báo cáo đã hoàn thiện.' } });
    s = await handle.executeUpdate(decideUpdate, { args: [{ actor: 'wf.manager', outcome: 'APPROVE', reason: '', expectedVersion: s.version }] });
    expect(s).toMatchObject({ stage: 'MONITORING', status: 'APPROVED', decision: { outcome: 'APPROVE' } });
    expect(await handle.result()).toMatchObject({ stage: 'MONITORING', status: 'APPROVED' });
    expect(await stack.prisma.task.count({ where: { dossier: { code }, status: 'OPEN' } })).toBe(0);
    const done = await stack.prisma.task.findMany({ where: { dossier: { code }, kind: { not: 'DEPARTMENT_OPINION' } } });
    expect(done.map((t) => `${t.kind}:${t.status}`).sort()).toEqual(
      ['COMPLETENESS_CHECK', 'ELIGIBILITY_SCREENING', 'COUNCIL_SCORING', 'APPRAISAL_REPORT', 'DECISION', 'APPRAISAL_REPORT', 'DECISION'].map((k) => `${k}:DONE`).sort(),
    );

    const row = await stack.prisma.dossier.findUniqueOrThrow({ where: { code }, include: { round: true } });
    expect(row).toMatchObject({ stage: 'MONITORING', status: 'APPROVED' });
    expect(row.round.winnerDossierId).toBe(row.id);
    const decisions = await stack.prisma.decision.findMany({ where: { roundId: row.roundId }, orderBy: { decidedAt: 'asc' } });
    expect(decisions.map((d) => d.outcome)).toEqual(['RETURN', 'APPROVE']);
    const actions = (await stack.prisma.auditEvent.findMany({ where: { dossierCode: code }, orderBy: { id: 'asc' } })).map((e) => e.action);
    expect(actions.filter((a) => /^(screening|report|decision)\./.test(a))).toEqual([
      'screening.passed',
      'report.submitted',
      'decision.return',
      'decision.recorded',
      'report.submitted',
      'decision.approve',
      'decision.recorded',
    ]);
    const [mail] = await stack.smtp.waitFor((m) => m.subject.includes(code) && m.subject.includes('kết quả'));
    expect(mail?.text).toContain('chấp thuận');
    await recordHistoryFixture(handle, 'return-then-approve');
  });

  it('proposes no investor when a single applicant stays under the pass mark; approval is refused, rejection closes it', async () => {
    const { handle, code } = await screenedEligible('DH-HIEP-HOA-2');
    await handle.executeUpdate(submitScoreUpdate, { args: [{ actor: 'wf.chair', councilRole: 'chair', criteria: criteria(8, 8, 15, 18) }] });
    await handle.executeUpdate(submitScoreUpdate, { args: [{ actor: 'wf.member1', councilRole: 'member', criteria: criteria(8, 8, 15, 17) }] });
    let s = await waitForSnapshot(handle, (x) => x.scores.length === 2);
    s = await handle.executeUpdate(submitReportUpdate, { args: [{ actor: 'appraiser', summary: 'Không đạt điểm tối thiểu.', expectedVersion: s.version }] });
    expect(s.report).toMatchObject({ proposed: false, ranking: { winner: null, noWinnerReason: expect.stringContaining('50') } });
    expect(s.report?.ranking.ranking[0]).toMatchObject({ meanScore: 48.5, qualifies: false });

    await expect(
      handle.executeUpdate(decideUpdate, { args: [{ actor: 'wf.manager', outcome: 'APPROVE', reason: '', expectedVersion: s.version }] }),
    ).rejects.toMatchObject({ cause: { type: 'NotProposed' } });
    s = await handle.executeUpdate(decideUpdate, { args: [{ actor: 'wf.manager', outcome: 'REJECT', reason: 'Không có nhà đầu tư đạt 50 điểm', expectedVersion: s.version }] });
    expect(s).toMatchObject({ stage: 'CLOSED', status: 'REJECTED' });
    await handle.result();
    const row = await stack.prisma.dossier.findUniqueOrThrow({ where: { code }, include: { round: true } });
    expect(row.round.winnerDossierId).toBeNull();
    const [mail] = await stack.smtp.waitFor((m) => m.subject.includes(code) && m.subject.includes('kết quả'));
    expect(mail?.text).toContain('không chấp thuận');
    await recordHistoryFixture(handle, 'under-pass-mark-rejected');
  });
});
