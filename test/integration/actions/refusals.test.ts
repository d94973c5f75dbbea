/**
 * What the action endpoints refuse, and with which problem document: no token, a bad body, the wrong
 * role, an unknown dossier, another department's task, a stale version, the council secretary, a
 * step that is not open; and the workflow validator's own refusals passed through.
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { dossierCodeFromBytes } from '../../../domain/dossier-code';
import { ACTION_ROUTES } from '../../../api/actions/router';
import { createTestStack, type TestStack } from '../../support/stack';
import { uploadItems } from '../documents/support';
import { act, as, criteria, ELIGIBLE_FACTS, inboxTask, insertReadModelDossier, readDossier, submit, toScreening } from './support';

const newCode = () => dossierCodeFromBytes(randomBytes(8));
const PROBLEM = /^application\/problem\+json/;

describe('action endpoints refuse', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await createTestStack('actions-refusals');
    await stack.startWorker();
  });
  afterAll(() => stack.close());

  it('every request without a token (401)', async () => {
    const code = newCode();
    for (const route of ACTION_ROUTES) {
      const response = await request(stack.app).post(route.path.replace('{code}', code)).send({});
      expect([route.path, response.status]).toEqual([route.path, 401]);
      expect(response.headers['content-type']).toMatch(PROBLEM);
    }
  });

  it('a caller without the route’s role, naming the roles it needs (403)', async () => {
    const code = await submit(stack, 'DH-LOC-GIANG-2');
    const cases: [string, string, object, string[]][] = [
      ['reviewer.dof', 'completeness', { complete: true, expectedVersion: 1 }, ['INTAKE_OFFICER']],
      ['appraiser', 'withdrawal', { reason: 'Không phải việc của tôi' }, ['INTAKE_OFFICER']],
      ['intake', 'opinions', { verdict: 'AGREE', text: '', taskVersion: 1 }, ['REVIEWER']],
      ['manager', 'scores', { criteria: criteria(10, 10, 20, 30) }, ['COUNCIL_MEMBER']],
      ['intake', 'screening', { facts: ELIGIBLE_FACTS, expectedVersion: 1 }, ['APPRAISER']],
    ];
    for (const [username, path, body, roles] of cases) {
      const response = await act(stack, username, code, path, body);
      expect([username, path, response.status, response.body.requiredRoles]).toEqual([username, path, 403, roles]);
    }
    expect(await readDossier(stack, code)).toMatchObject({ stage: 'COMPLETENESS_CHECK', version: 1 });
  });

  it('a bad body, listing each invalid field (400)', async () => {
    const code = await submit(stack, 'DH-HIEP-HOA-1');
    const opinion = await act(stack, 'reviewer.dof', code, 'opinions', { verdict: 'MAYBE', taskVersion: 'one', departmentCode: 'DOIT' });
    expect(opinion.status).toBe(400);
    expect(opinion.headers['content-type']).toMatch(PROBLEM);
    const fields = (opinion.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['verdict', 'taskVersion']));
    // The department comes from the account, never from the body: an extra key is refused.
    expect(JSON.stringify(opinion.body.errors)).toMatch(/departmentCode/);

    const completeness = await act(stack, 'intake', code, 'completeness', { complete: 'yes', expectedVersion: -1 });
    expect((completeness.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['complete', 'expectedVersion']);
    const score = await act(stack, 'chair', code, 'scores', { criteria: { infrastructurePlan: 10 } });
    expect(score.status).toBe(400);
    expect((score.body.errors as { field: string }[]).map((e) => e.field)).toEqual(
      expect.arrayContaining(['criteria.environmentalProtectionPlan', 'criteria.capacityAndExperience', 'criteria.financialPlan']),
    );
    const badCode = await act(stack, 'intake', 'not-a-code', 'withdrawal', { reason: 'Rút hồ sơ' });
    expect([badCode.status, badCode.body.errors?.[0]?.field]).toEqual([400, 'params.code']);
    expect(await readDossier(stack, code)).toMatchObject({ version: 1 });
  });

  it('an unknown dossier (404)', async () => {
    const response = await act(stack, 'intake', newCode(), 'withdrawal', { reason: 'Nhà đầu tư xin rút' });
    expect(response.status).toBe(404);
    expect(response.body.detail).toMatch(/Không có hồ sơ mã/);
  });

  it('a stale dossier version, telling the current one (409); a step that is not open (409)', async () => {
    const code = await submit(stack, 'DH-HIEP-HOA-2');
    const stale = await act(stack, 'intake', code, 'completeness', { complete: true, expectedVersion: 3 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ reason: 'StaleVersion', currentVersion: 1 });
    expect(stale.body.detail).toMatch(/Phiên bản hồ sơ đã cũ/);

    const early = await act(stack, 'appraiser', code, 'screening', { facts: ELIGIBLE_FACTS, expectedVersion: 1 });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ reason: 'WrongStage', stage: 'COMPLETENESS_CHECK', currentVersion: 1 });
    const noSupplementAwaited = await act(stack, 'intake', code, 'supplements', {});
    expect(noSupplementAwaited.body).toMatchObject({ status: 409, reason: 'WrongStage' });
    expect(await readDossier(stack, code)).toMatchObject({ stage: 'COMPLETENESS_CHECK', version: 1 });
  });

  it('another department’s reviewer (403), a stale task version (409), a task already answered (409)', async () => {
    const code = await submit(stack, 'CD-TAN-CHANH-1');
    await uploadItems(stack, stack.app, code);
    const complete = await act(stack, 'intake', code, 'completeness', { complete: true, expectedVersion: 1 });
    expect(complete.body).toMatchObject({ stage: 'DEPARTMENT_OPINIONS' });

    // DOIT is not consulted under the rule set in force: not its task, whatever the body says.
    expect(await inboxTask(stack, 'reviewer.doit', code, 'DEPARTMENT_OPINION')).toBeUndefined();
    const wrong = await act(stack, 'reviewer.doit', code, 'opinions', { verdict: 'OBJECT', text: 'Phản đối', taskVersion: 1 });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ reason: 'WrongDepartment' });
    expect(wrong.body.detail).toMatch(/không phải nhiệm vụ của bạn/);

    const stale = await act(stack, 'reviewer.dof', code, 'opinions', { verdict: 'AGREE', text: '', taskVersion: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ reason: 'StaleVersion', currentVersion: 1 });

    expect((await act(stack, 'reviewer.dof', code, 'opinions', { verdict: 'AGREE', text: '', taskVersion: 1 })).status).toBe(200);
    const again = await act(stack, 'reviewer.dof', code, 'opinions', { verdict: 'OBJECT', text: 'Đổi ý', taskVersion: 1 });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ reason: 'TaskClosed', taskStatus: 'DONE', currentVersion: 2 });
    const stored = await stack.prisma.opinion.findMany({ where: { dossier: { code }, department: { code: 'DOF' } } });
    expect(stored.map((o) => o.verdict)).toEqual(['AGREE']);
    expect(await stack.prisma.opinion.count({ where: { dossier: { code }, department: { code: 'DOIT' } } })).toBe(0);
  });

  it('the council secretary, who does not vote (403), and a second sheet from one member (409)', async () => {
    const { code, version } = await toScreening(stack, 'CD-TAN-CHANH-2');
    expect((await act(stack, 'appraiser', code, 'screening', { facts: ELIGIBLE_FACTS, expectedVersion: version })).body).toMatchObject({ stage: 'SCORING' });

    const secretary = await act(stack, 'secretary', code, 'scores', { criteria: criteria(10, 10, 20, 30) });
    expect(secretary.status).toBe(403);
    expect(secretary.body).toMatchObject({ reason: 'NonVotingSeat' });
    expect(secretary.body.detail).toMatch(/Thư ký/);
    expect(await stack.prisma.score.count({ where: { dossier: { code } } })).toBe(0);

    expect((await act(stack, 'member.doc', code, 'scores', { criteria: criteria(12, 12, 24, 32) })).status).toBe(200);
    const twice = await act(stack, 'member.doc', code, 'scores', { criteria: criteria(15, 15, 30, 40) });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ reason: 'DuplicateScore' });
    // Over a criterion's maximum: the workflow's validator refuses with its message (422).
    const over = await act(stack, 'chair', code, 'scores', { criteria: criteria(16, 10, 20, 30) });
    expect(over.status).toBe(422);
    expect(over.body.reason).toBe('InvalidScore');
    expect(await stack.prisma.score.count({ where: { dossier: { code } } })).toBe(1);
  });

  it('passes the workflow validator’s refusals through with its Vietnamese message', async () => {
    const code = await submit(stack, 'CD-PHUOC-TUY-1');
    await uploadItems(stack, stack.app, code);
    // Not complete, but the checklist has everything and nothing is named: refused before the workflow (422).
    const unlisted = await act(stack, 'intake', code, 'completeness', { complete: false, expectedVersion: 1 });
    expect(unlisted.status).toBe(422);
    expect(unlisted.body).toMatchObject({ reason: 'MissingList' });
    expect(unlisted.body.detail).toMatch(/đủ các thành phần theo danh mục/);

    // Two officers act on the same version at once: both pass the read-model check, one wins, the other gets a 409.
    const [a, b] = await Promise.all([
      act(stack, 'intake', code, 'completeness', { complete: true, expectedVersion: 1 }),
      act(stack, 'intake', code, 'completeness', { complete: false, items: [{ item: 'FINANCIAL_PLAN', reason: 'Thiếu bảng dòng tiền.' }], expectedVersion: 1 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(['StaleVersion', 'WrongStage']).toContain(loser.body.reason);
    expect(loser.body.detail).toMatch(/Phiên bản|không ở bước/);
    expect((await readDossier(stack, code)).version).toBe(2);
  });

  it('a task assigned to someone else (403); a dossier whose workflow is missing (404) or already closed (409)', async () => {
    const assigned = newCode();
    await insertReadModelDossier(stack, { code: assigned, stage: 'SCREENING', taskAssignee: 'chair' });
    const notMine = await act(stack, 'appraiser', assigned, 'screening', { facts: ELIGIBLE_FACTS, expectedVersion: 7 });
    expect(notMine.status).toBe(403);
    expect(notMine.body).toMatchObject({ reason: 'NotYourTask' });

    const orphan = newCode();
    await insertReadModelDossier(stack, { code: orphan, stage: 'SCREENING' });
    const missing = await act(stack, 'appraiser', orphan, 'screening', { facts: ELIGIBLE_FACTS, expectedVersion: 7 });
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toMatch(/Không tìm thấy quy trình/);

    // The workflow finished (withdrawn) while the read model still showed an open step.
    const code = await submit(stack, 'TTH-CA-NHIP');
    expect((await act(stack, 'intake', code, 'withdrawal', { reason: 'Nhà đầu tư xin rút' })).body).toMatchObject({ status: 'WITHDRAWN' });
    await stack.temporal.workflow.getHandle(code).result();
    await stack.prisma.dossier.update({ where: { code }, data: { stage: 'SUPPLEMENT_REQUESTED', status: 'ON_HOLD' } });
    await uploadItems(stack, stack.app, code, ['FINANCIAL_PLAN']);
    const closed = await act(stack, 'intake', code, 'supplements', {});
    expect(closed.status).toBe(409);
    expect(closed.body).toMatchObject({ reason: 'DossierClosed' });
  });

  it('nothing on a retry with the same Idempotency-Key: the first answer comes back instead of a 409', async () => {
    const code = await submit(stack, 'TTH-TAN-BINH');
    await uploadItems(stack, stack.app, code);
    const send = async () =>
      request(stack.app)
        .post(`/api/dossiers/${code}/completeness`)
        .set(await as(stack, 'intake'))
        .set('Idempotency-Key', `completeness-${code}`)
        .send({ complete: true, expectedVersion: 1 });
    const first = await send();
    expect(first.body).toMatchObject({ stage: 'DEPARTMENT_OPINIONS', version: 2 });
    const retry = await send();
    expect([retry.status, retry.headers['idempotent-replayed'], retry.body.version]).toEqual([200, 'true', 2]);
    expect(await stack.prisma.auditEvent.count({ where: { dossierCode: code, action: 'dossier.complete' } })).toBe(1);
  });

  it('documents every action in OpenAPI: bearer auth, a request body, the dossier back and its problems', async () => {
    const doc = (await request(stack.app).get('/api/openapi.json').expect(200)).body as {
      paths: Record<string, { post?: { security?: unknown[]; requestBody?: { content: Record<string, unknown> }; responses: Record<string, unknown> } }>;
    };
    expect(ACTION_ROUTES.map((r) => r.path).sort()).toEqual(
      [
        'completeness',
        'opinions',
        'scores',
        'screening',
        'supplement-requests',
        'supplements',
        'withdrawal',
      ].map((p) => `/api/dossiers/{code}/${p}`),
    );
    for (const route of ACTION_ROUTES) {
      const operation = doc.paths[route.path]?.post;
      expect([route.path, operation?.security]).toEqual([route.path, [{ bearerAuth: [] }]]);
      expect(operation?.requestBody?.content['application/json']).toBeDefined();
      expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409', '422']));
    }
  });
});
