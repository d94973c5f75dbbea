/**
 * A dossier worked through the action endpoints by the people whose roles they are, from the intake
 * officer's submission to the manager's decision; every answer is the dossier read back from the
 * read model.
 */
import { createTestStack, type TestStack } from '../../support/stack';
import request from 'supertest';
import { COMPLETE_SET, uploadItems } from '../documents/support';
import { submitUntilRecorded } from '../../support/keyed-client';
import { act, actAsClient, as, consultedDepartments, criteria, ELIGIBLE_FACTS, inboxTask, monthAgo, readDossier, submit, taxCode, toScreening, waitForRound, waitForStage } from './support';

describe('working a dossier through the API', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await createTestStack('actions-journey');
    await stack.startWorker();
  });
  afterAll(() => stack.close());

  it('takes a dossier from submission to approval, each step by its role, with supplements at intake and during screening', async () => {
    const code = await submit(stack, 'TH-TAN-HUNG');
    expect(await readDossier(stack, code)).toMatchObject({ stage: 'COMPLETENESS_CHECK', version: 1, round: { stage: 'APPRAISAL' } });

    // The intake officer uploads the components; no financial paper yet.
    await uploadItems(stack, stack.app, code, COMPLETE_SET.filter((item) => item !== 'BANK_COMMITMENT'));
    // "Complete" is refused while the checklist lacks an item, naming it.
    const premature = await actAsClient(stack, 'intake', code, 'completeness', { complete: true, expectedVersion: 1 });
    expect(premature.status).toBe(422);
    expect(premature.body).toMatchObject({ reason: 'ChecklistIncomplete', items: [{ code: 'FINANCIAL_EVIDENCE', kind: 'missing' }] });
    // Not complete: the request names the checklist's missing group and the officer's finding, each with its reason.
    const finding = { item: 'LEGAL_STATUS', reason: 'Giấy chứng nhận đăng ký doanh nghiệp đã hết hiệu lực.' };
    const incomplete = await actAsClient(stack, 'intake', code, 'completeness', { complete: false, items: [finding], expectedVersion: 1 });
    expect(incomplete.status).toBe(200);
    expect(incomplete.body).toMatchObject({ code, stage: 'SUPPLEMENT_REQUESTED', status: 'ON_HOLD', version: 2 });
    expect(incomplete.body.missingItems).toEqual([
      { code: 'FINANCIAL_EVIDENCE', label: expect.any(String), kind: 'missing', reason: expect.stringContaining('Cần ít nhất một trong') },
      { code: 'LEGAL_STATUS', label: expect.any(String), kind: 'defective', reason: finding.reason },
    ]);
    expect(incomplete.body.missing).toEqual([expect.stringContaining('(FINANCIAL_EVIDENCE): Cần ít nhất một trong'), expect.stringContaining(`(LEGAL_STATUS): ${finding.reason}`)]);
    const [mail] = await stack.smtp.waitFor((m) => m.subject.includes(code) && m.subject.includes('bổ sung'));
    expect(mail?.text).toContain(finding.reason);
    // The supplement is the uploads since the request: recording it before any is refused; after, it attaches them.
    const early = await actAsClient(stack, 'intake', code, 'supplements', {});
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ reason: 'NoSupplementDocuments' });
    const [bank, legal] = await uploadItems(stack, stack.app, code, ['BANK_COMMITMENT', 'LEGAL_STATUS']);
    expect(await readDossier(stack, code)).toMatchObject({ stage: 'SUPPLEMENT_REQUESTED', version: 2 });
    const supplied = await actAsClient(stack, 'intake', code, 'supplements', {});
    expect(supplied.body).toMatchObject({ stage: 'COMPLETENESS_CHECK', status: 'ACTIVE', version: 3, missing: [], missingItems: [] });
    const receipt = (supplied.body.timeline as { action: string; newValue: { versions?: unknown[] } }[]).find((e) => e.action === 'dossier.supplement-received');
    expect(receipt?.newValue.versions).toEqual([
      { item: 'BANK_COMMITMENT', version: 1, versionId: bank?.id, fileName: 'bank_commitment.pdf', sha256: expect.any(String) },
      { item: 'LEGAL_STATUS', version: 2, versionId: legal?.id, fileName: 'legal_status.pdf', sha256: expect.any(String) },
    ]);

    const complete = await actAsClient(stack, 'intake', code, 'completeness', { complete: true, expectedVersion: 3 });
    expect(complete.status).toBe(200);
    expect(complete.body).toMatchObject({ stage: 'DEPARTMENT_OPINIONS', status: 'ACTIVE', version: 4 });
    expect(complete.body.deadlines.appraisal).toMatchObject({ unit: expect.any(String) });
    // The answer comes from the read model: the opinion tasks it opened, and the audit timeline.
    const consulted = await consultedDepartments(stack, code);
    const opinionTasks = (complete.body.tasks as { kind: string; departmentCode: string; status: string }[]).filter((t) => t.kind === 'DEPARTMENT_OPINION');
    expect(opinionTasks.map((t) => t.departmentCode).sort()).toEqual([...consulted].sort());
    expect(opinionTasks.every((t) => t.status === 'OPEN')).toBe(true);
    expect((complete.body.timeline as { action: string; actor: string }[]).some((e) => e.action === 'dossier.complete' && e.actor === 'intake')).toBe(true);

    // Each consulted department's reviewer answers its own task, with the version from its inbox.
    for (const [i, departmentCode] of consulted.entries()) {
      const reviewer = `reviewer.${departmentCode.toLowerCase()}`;
      const task = await inboxTask(stack, reviewer, code, 'DEPARTMENT_OPINION');
      expect(task).toMatchObject({ departmentCode, version: 1 });
      const verdict = i === 0 ? { verdict: 'AGREE_WITH_CONDITIONS', text: 'Bổ sung phương án PCCC trước khi xây dựng.' } : { verdict: 'AGREE', text: '' };
      const answered = await actAsClient(stack, reviewer, code, 'opinions', { ...verdict, taskVersion: task?.version });
      expect(answered.status).toBe(200);
      const mine = (answered.body.tasks as { departmentCode: string; status: string; version: number }[]).find((t) => t.departmentCode === departmentCode);
      expect(mine).toMatchObject({ status: 'DONE', version: 2 });
    }
    const opinion = await stack.prisma.opinion.findFirstOrThrow({ where: { dossier: { code }, department: { code: consulted[0] } }, include: { givenBy: true } });
    expect([opinion.verdict, opinion.givenBy?.username]).toEqual(['AGREE_WITH_CONDITIONS', `reviewer.${consulted[0]?.toLowerCase()}`]);

    // All answered: the workflow moves on to screening by itself.
    let dossier = await waitForStage(stack, code, 'SCREENING');
    // During screening the one-stop desk asks for more: the appraisal clock stops until it arrives.
    const asked = await actAsClient(stack, 'intake', code, 'supplement-requests', {
      items: [{ item: 'BANK_COMMITMENT', reason: 'Cam kết tín dụng phải ghi rõ hạn mức cho vay.' }],
      expectedVersion: dossier.version,
    });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ stage: 'SUPPLEMENT_REQUESTED', status: 'ON_HOLD', version: dossier.version + 1 });
    expect(asked.body.missingItems).toEqual([{ code: 'BANK_COMMITMENT', label: expect.any(String), kind: 'defective', reason: 'Cam kết tín dụng phải ghi rõ hạn mức cho vay.' }]);
    expect(asked.body.clock).toMatchObject({ paused: true });
    await uploadItems(stack, stack.app, code, ['BANK_COMMITMENT']);
    // An upload alone does not resume the clock: the receipt does.
    expect((await request(stack.app).get(`/api/dossiers/${code}`).set(await as(stack, 'intake'))).body.clock).toMatchObject({ paused: true });
    const resumed = await actAsClient(stack, 'intake', code, 'supplements', {});
    expect(resumed.body).toMatchObject({ stage: 'COMPLETENESS_CHECK', clock: { paused: false } });
    dossier = await readDossier(stack, code);
    const checked = await actAsClient(stack, 'intake', code, 'completeness', { complete: true, expectedVersion: dossier.version });
    expect(checked.body).toMatchObject({ stage: 'SCREENING', status: 'ACTIVE' });

    const screened = await actAsClient(stack, 'appraiser', code, 'screening', { facts: ELIGIBLE_FACTS, expectedVersion: checked.body.version });
    expect(screened.status).toBe(200);
    expect(screened.body).toMatchObject({ stage: 'SCORING', status: 'ACTIVE' });

    // Every voting member scores; the answer lists the sheets recorded so far.
    const sheets: [string, ReturnType<typeof criteria>][] = [
      ['chair', criteria(13, 12, 25, 35)],
      ['vicechair.doit', criteria(12, 12, 24, 34)],
      ['vicechair.dof', criteria(12, 13, 25, 33)],
      ['member.doc', criteria(12, 12, 24, 32)],
    ];
    for (const [member, sheet] of sheets) {
      const scored = await actAsClient(stack, member, code, 'scores', { criteria: sheet });
      expect(scored.status).toBe(200);
      expect(scored.body.scores).toContainEqual({ member, total: Object.values(sheet).reduce((a, b) => a + b, 0), criteria: sheet });
    }
    const score = await stack.prisma.score.findFirstOrThrow({ where: { dossier: { code }, member: { username: 'chair' } } });
    expect(Number(score.total)).toBe(85);

    // Scoring closed: the dossier waits for its round's one report and one decision.
    const waiting = await waitForStage(stack, code, 'APPRAISAL_REPORT');
    const roundCode = (waiting as unknown as { round: { code: string } }).round.code;
    const atReport = await waitForRound(stack, roundCode, (r) => r.stage === 'REPORT');
    const moved = await actAsClient(stack, 'appraiser', code, 'report', { summary: 'x', expectedVersion: 0 });
    expect(moved.status).toBe(410);
    expect(moved.body).toMatchObject({ reason: 'MovedToRound', location: `/api/rounds/${roundCode}/report` });
    const report = await request(stack.app).post(`/api/rounds/${roundCode}/report`).set(await as(stack, 'appraiser')).send({ summary: 'Đề xuất chọn nhà đầu tư.', expectedVersion: atReport.version });
    expect(report.status).toBe(200);
    const atDecision = await waitForRound(stack, roundCode, (r) => r.stage === 'DECISION');
    expect(atDecision).toMatchObject({ report: { by: 'appraiser', proposed: code } });

    const decided = await request(stack.app).post(`/api/rounds/${roundCode}/decision`).set(await as(stack, 'manager')).send({ outcome: 'APPROVE', expectedVersion: atDecision.version });
    expect(decided.status).toBe(200);
    expect(await waitForStage(stack, code, 'MONITORING')).toMatchObject({ status: 'APPROVED' });
    const decision = await stack.prisma.decision.findFirstOrThrow({ where: { winnerDossier: { code } }, include: { decidedBy: true } });
    expect([decision.outcome, decision.decidedBy.username]).toEqual(['APPROVE', 'manager']);

    // Nothing more is accepted on a decided dossier.
    const late = await actAsClient(stack, 'intake', code, 'withdrawal', { reason: 'Quá muộn để rút' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ reason: 'DossierClosed' });
  });

  it('returns a report for more work, takes a revised one, and records a rejection with its reason', async () => {
    const { code, version } = await toScreening(stack, 'VH-BINH-CHAU');
    const screened = await actAsClient(stack, 'appraiser', code, 'screening', { facts: ELIGIBLE_FACTS, expectedVersion: version });
    expect(screened.body).toMatchObject({ stage: 'SCORING' });
    for (const member of ['chair', 'vicechair.doit', 'vicechair.dof', 'member.doc']) {
      expect((await actAsClient(stack, member, code, 'scores', { criteria: criteria(10, 10, 20, 25) })).status).toBe(200);
    }
    const roundCode = ((await waitForStage(stack, code, 'APPRAISAL_REPORT')) as unknown as { round: { code: string } }).round.code;
    // Scored: the ranking stands on the sheets, the applicant can no longer withdraw.
    const scored = await act(stack, 'intake', code, 'withdrawal', { reason: 'Nhà đầu tư xin rút sau khi chấm điểm' });
    expect([scored.status, scored.body.reason]).toEqual([409, 'WrongStage']);
    const appraiser = await as(stack, 'appraiser');
    const manager = await as(stack, 'manager');
    let round = await waitForRound(stack, roundCode, (r) => r.stage === 'REPORT');
    await request(stack.app).post(`/api/rounds/${roundCode}/report`).set(appraiser).send({ summary: 'Báo cáo lần 1.', expectedVersion: round.version }).expect(200);
    round = await waitForRound(stack, roundCode, (r) => r.stage === 'DECISION');
    await request(stack.app).post(`/api/rounds/${roundCode}/decision`).set(manager).send({ outcome: 'RETURN', reason: 'Làm rõ phương án tài chính.', expectedVersion: round.version }).expect(200);
    round = await waitForRound(stack, roundCode, (r) => r.stage === 'REPORT' && r.tasks.some((t) => t.kind === 'APPRAISAL_REPORT' && t.status === 'OPEN'));
    await request(stack.app).post(`/api/rounds/${roundCode}/report`).set(appraiser).send({ summary: 'Báo cáo lần 2, đã làm rõ.', expectedVersion: round.version }).expect(200);
    round = await waitForRound(stack, roundCode, (r) => r.stage === 'DECISION');
    expect(round).toMatchObject({ report: { summary: 'Báo cáo lần 2, đã làm rõ.' } });
    const noReason = await request(stack.app).post(`/api/rounds/${roundCode}/decision`).set(manager).send({ outcome: 'REJECT', expectedVersion: round.version });
    expect(noReason.status).toBe(422);
    expect(noReason.body).toMatchObject({ reason: 'NoReason' });
    await request(stack.app).post(`/api/rounds/${roundCode}/decision`).set(manager).send({ outcome: 'REJECT', reason: 'Không bảo đảm tiến độ.', expectedVersion: round.version }).expect(200);
    expect(await waitForRound(stack, roundCode, (r) => r.stage === 'NO_INVESTOR')).toMatchObject({ decisions: [{ outcome: 'RETURN' }, { outcome: 'REJECT' }] });
    expect(await waitForStage(stack, code, 'CLOSED')).toMatchObject({ status: 'REJECTED' });
  });

  it('takes a withdrawal while the letter waits for its round to be sent to DOIT', async () => {
    const letter = { clusterCode: 'CD-PHUOC-TUY-1', receivedOn: monthAgo(), projectTitle: 'Hạ tầng CCN, rút khi chờ đợt', applicant: { name: 'Công ty Rút Sớm', taxCode: taxCode(), email: 'rutsom@example.vn' } };
    const code = await submitUntilRecorded(stack.app, await as(stack, 'intake'), `early-withdrawal-${taxCode()}`, letter, []);
    expect((await readDossier(stack, code)).stage).toBe('COMPILATION');
    const withdrawn = await actAsClient(stack, 'intake', code, 'withdrawal', { reason: 'Nhà đầu tư xin rút trước khi nộp Sở Công Thương' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ stage: 'CLOSED', status: 'WITHDRAWN' });
  });

  it('records a withdrawal on behalf of the applicant, which closes the open opinion tasks', async () => {
    const code = await submit(stack, 'TTR-TAN-BINH-1');
    await uploadItems(stack, stack.app, code);
    await actAsClient(stack, 'intake', code, 'completeness', { complete: true, expectedVersion: (await readDossier(stack, code)).version });
    const withdrawn = await actAsClient(stack, 'intake', code, 'withdrawal', { reason: 'Nhà đầu tư có văn bản xin rút hồ sơ' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ stage: 'CLOSED', status: 'WITHDRAWN' });
    const opinionTasks = (withdrawn.body.tasks as { kind: string; status: string }[]).filter((t) => t.kind === 'DEPARTMENT_OPINION');
    expect(opinionTasks.length).toBeGreaterThan(0);
    expect(opinionTasks.every((t) => t.status === 'CANCELLED')).toBe(true);
    // The reviewer's task is closed now: a late opinion is a conflict, not accepted.
    const late = await actAsClient(stack, 'reviewer.dof', code, 'opinions', { verdict: 'AGREE', text: '', taskVersion: 1 });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ reason: 'TaskClosed', currentVersion: 2 });
  });
});
