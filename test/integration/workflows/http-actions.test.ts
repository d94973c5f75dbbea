import request from 'supertest';
import { ELIGIBLE_FACTS, criteria } from './support';
import { bearer, tokenFor } from '../../support/auth';
import { createTestStack, type TestStack } from '../../support/stack';

/** End to end through HTTP: every person's action is a POST that the dossier workflow's Update decides. */
describe('dossier actions over HTTP', () => {
  let stack: TestStack;
  const as = async (username: string) => bearer(await tokenFor(stack, username));

  beforeAll(async () => {
    stack = await createTestStack('wf-http');
    await stack.startWorker();
  });
  afterAll(() => stack.close());

  async function file(taxCode: string): Promise<string> {
    const created = await request(stack.app)
      .post('/api/dossiers')
      .set(await as('intake'))
      .send({ clusterCode: 'TH-TAN-HUNG', projectTitle: 'Hạ tầng CCN Tân Hưng', applicant: { name: 'Công ty CP Tân Hưng', taxCode, email: 'tanhung@example.vn' } })
      .expect(201);
    return created.body.code as string;
  }
  const post = async (username: string, code: string, action: string, body: object) =>
    request(stack.app).post(`/api/dossiers/${code}/${action}`).set(await as(username)).send(body);

  it('takes a dossier from intake to approval, each step by the person whose role it is', async () => {
    const code = await file('1107778889');
    const inbox = async (username: string) =>
      ((await request(stack.app).get('/api/tasks').set(await as(username)).expect(200)).body.items as { dossierCode: string; kind: string; dueOn: string | null }[]).filter(
        (i) => i.dossierCode === code,
      );
    expect(await inbox('intake')).toMatchObject([{ kind: 'COMPLETENESS_CHECK', dueOn: null }]);
    expect((await post('reviewer.dof', code, 'completeness', { complete: true, expectedVersion: 0 })).status).toBe(403);
    const incomplete = await post('intake', code, 'completeness', { complete: false, expectedVersion: 0 });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body).toMatchObject({ reason: 'MissingList' });
    const complete = await post('intake', code, 'completeness', { complete: true, expectedVersion: 0 });
    expect(complete.status).toBe(200);
    expect(complete.body).toMatchObject({ stage: 'DEPARTMENT_OPINIONS', status: 'ACTIVE', version: 1 });
    const stale = await post('intake', code, 'completeness', { complete: true, expectedVersion: 0 });
    expect(stale.status).toBe(409);

    const tasks = complete.body.opinionTasks as { departmentCode: string; version: number }[];
    // DOIT is not consulted under the rule set in force: its reviewer is refused.
    const wrong = await post('reviewer.doit', code, 'opinions', { verdict: 'AGREE', text: '', taskVersion: 1 });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ reason: 'WrongDepartment' });
    expect((await post('reviewer.dof', code, 'opinions', { verdict: 'AGREE', text: '', taskVersion: 0 })).body).toMatchObject({ status: 409, reason: 'StaleVersion' });
    for (const task of tasks) {
      const answered = await post(`reviewer.${task.departmentCode.toLowerCase()}`, code, 'opinions', { verdict: 'AGREE', text: 'Thống nhất', taskVersion: task.version });
      expect([answered.status, answered.body.status, answered.body.departmentCode]).toEqual([200, 'DONE', task.departmentCode]);
    }
    const opinion = await stack.prisma.opinion.findFirstOrThrow({ where: { dossier: { code }, department: { code: 'DOF' } }, include: { givenBy: true } });
    expect(opinion.givenBy?.username).toBe('reviewer.dof');

    let version = 0;
    for (let i = 0; i < 40; i += 1) {
      const dossier = await stack.prisma.dossier.findUniqueOrThrow({ where: { code } });
      if (dossier.stage === 'SCREENING') {
        version = dossier.version;
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const screened = await post('appraiser', code, 'screening', { facts: ELIGIBLE_FACTS, expectedVersion: version });
    expect(screened.status).toBe(200);
    expect(screened.body).toMatchObject({ stage: 'SCORING' });

    const secretary = await post('secretary', code, 'scores', { criteria: criteria(10, 10, 20, 30) });
    expect(secretary.status).toBe(422);
    expect(secretary.body.detail).toMatch(/Thư ký/);
    expect((await post('chair', code, 'scores', { criteria: criteria(13, 12, 25, 35) })).body).toMatchObject({ member: 'chair', councilRole: 'chair', total: 85 });
    expect((await post('member.doc', code, 'scores', { criteria: criteria(12, 12, 24, 32) })).status).toBe(200);
    expect((await post('member.doc', code, 'scores', { criteria: criteria(12, 12, 24, 32) })).status).toBe(409);

    const report = await post('appraiser', code, 'report', { summary: 'Đề xuất chọn Công ty CP Tân Hưng.', expectedVersion: screened.body.version });
    expect(report.body).toMatchObject({ stage: 'DECISION', report: { proposed: true } });
    expect(await inbox('intake')).toEqual([]);
    expect(await inbox('manager')).toMatchObject([{ kind: 'DECISION', dueOn: report.body.deadlines.decision.due }]);
    const decided = await post('manager', code, 'decision', { outcome: 'APPROVE', expectedVersion: report.body.version });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ stage: 'MONITORING', status: 'APPROVED' });

    const read = await request(stack.app).get(`/api/dossiers/${code}`).set(await as('manager')).expect(200);
    expect(read.body).toMatchObject({ stage: 'MONITORING', status: 'APPROVED', deadlines: { appraisal: { unit: 'working-days' }, decision: { unit: 'working-days' } } });
    expect(await inbox('manager')).toEqual([]);
    expect(await stack.prisma.task.count({ where: { dossier: { code }, status: 'OPEN' } })).toBe(0);
    const kinds = await stack.prisma.task.findMany({ where: { dossier: { code }, kind: { not: 'DEPARTMENT_OPINION' } }, orderBy: { createdAt: 'asc' } });
    expect(kinds.map((t) => `${t.kind}:${t.status}`).sort()).toEqual(
      ['COMPLETENESS_CHECK', 'ELIGIBILITY_SCREENING', 'COUNCIL_SCORING', 'APPRAISAL_REPORT', 'DECISION'].map((k) => `${k}:DONE`).sort(),
    );
    const late = await post('intake', code, 'withdrawal', { reason: 'Quá muộn' });
    expect(late.status).toBe(409);
  });

  it('records a withdrawal and answers 404 for an unknown dossier', async () => {
    const code = await file('1107778890');
    const withdrawn = await post('intake', code, 'withdrawal', { reason: 'Nhà đầu tư có văn bản xin rút hồ sơ' });
    expect(withdrawn.body).toMatchObject({ stage: 'CLOSED', status: 'WITHDRAWN' });
    expect((await stack.prisma.task.findMany({ where: { dossier: { code } } })).map((t) => t.status)).toEqual(['CANCELLED']);
    expect((await post('intake', 'CCN-AAAAA-BBBBB', 'withdrawal', { reason: 'Không có' })).status).toBe(404);
    const doc = (await request(stack.app).get('/api/openapi.json').expect(200)).body as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    expect(doc.paths['/api/dossiers/{code}/opinions']?.post?.security).toEqual([{ bearerAuth: [] }]);
  });
});
