import request from 'supertest';
import { createApp } from '../../../api/app';
import { checkCompletenessUpdate, snapshotQuery } from '../../../workflows/dossier/api';
import { bearer, tokenFor } from '../../support/auth';
import { createTestStack, type TestStack } from '../../support/stack';

const validBody = {
  clusterCode: 'DH-LOC-GIANG-1',
  projectTitle: 'Đầu tư hạ tầng kỹ thuật CCN Lộc Giang 1',
  applicant: { name: 'Công ty CP Hạ tầng Đức Hòa', taxCode: '1101234567', email: 'investor@example.vn' },
};

describe('POST /api/dossiers → workflow → read model → mail', () => {
  let stack: TestStack;
  let auth: { Authorization: string };

  beforeAll(async () => {
    stack = await createTestStack('submit');
    await stack.startWorker();
    auth = bearer(await tokenFor(stack, 'intake'));
  });
  afterAll(() => stack.close());

  it('registers the dossier, starts its workflow under the dossier code and acknowledges by mail', async () => {
    const created = await request(stack.app).post('/api/dossiers').set(auth).send(validBody).expect(201);
    const code: string = created.body.code;
    expect(code).toMatch(/^CCN-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(created.headers.location).toBe(`/api/dossiers/${code}`);

    const description = await stack.temporal.workflow.getHandle(code).describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.type).toBe('dossierWorkflow');

    const read = await request(stack.app).get(`/api/dossiers/${code}`).set(auth).expect(200);
    // The first letter opened the cluster's round; the dossier waits for the round's submission to DOIT.
    expect(read.body).toMatchObject({
      code,
      stage: 'COMPILATION',
      status: 'ACTIVE',
      round: { code: 'DH-LOC-GIANG-1-R1' },
      ruleSetId: expect.any(String),
      cluster: { code: 'DH-LOC-GIANG-1' },
      applicant: { taxCode: '1101234567' },
    });
    expect(read.body.timeline.map((e: { action: string }) => e.action)).toEqual(['dossier.filed']);
    expect(read.body.timeline.map((e: { actor: string }) => e.actor)).toEqual(['intake']);
    expect((await stack.temporal.workflow.getHandle(`${stack.deps.config.WORKFLOW_ID_PREFIX}round-DH-LOC-GIANG-1-R1`).describe()).type).toBe('roundWorkflow');

    const [mail] = await stack.smtp.waitFor((m) => m.subject.includes(code));
    expect(mail?.to).toEqual(['investor@example.vn']);
    expect(mail?.text).toContain(code);
  });

  it('answers a bad body with a 400 problem document naming each invalid field', async () => {
    const response = await request(stack.app)
      .post('/api/dossiers')
      .set(auth)
      .send({ ...validBody, applicant: { ...validBody.applicant, taxCode: '12', email: 'not-an-email' } })
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const fields = response.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['applicant.email', 'applicant.taxCode']);
    expect(await stack.prisma.dossier.count({ where: { applicant: { taxCode: '12' } } })).toBe(0);
  });

  it('answers malformed JSON and unknown clusters with problem documents', async () => {
    const malformed = await request(stack.app).post('/api/dossiers').set(auth).set('Content-Type', 'application/json').send('{"clusterCode":').expect(400);
    expect(malformed.body.title).toMatch(/JSON/);
    const unknown = await request(stack.app).post('/api/dossiers').set(auth).send({ ...validBody, clusterCode: 'NOWHERE' }).expect(422);
    expect(unknown.body.knownClusterCodes).toContain('DH-LOC-GIANG-1');
  });

  it('creates one dossier for repeated requests with the same Idempotency-Key', async () => {
    const body = { ...validBody, applicant: { ...validBody.applicant, taxCode: '1109999999' } };
    const first = await request(stack.app).post('/api/dossiers').set(auth).set('Idempotency-Key', 'retry-abc-1').send(body).expect(201);
    const second = await request(stack.app).post('/api/dossiers').set(auth).set('Idempotency-Key', 'retry-abc-1').send(body).expect(201);
    expect(second.body.code).toBe(first.body.code);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await stack.prisma.dossier.count({ where: { applicant: { taxCode: '1109999999' } } })).toBe(1);

    const reused = await request(stack.app)
      .post('/api/dossiers')
      .set(auth)
      .set('Idempotency-Key', 'retry-abc-1')
      .send({ ...body, projectTitle: 'Một dự án khác hẳn' })
      .expect(422);
    expect(reused.body.detail).toMatch(/Idempotency-Key/);
  });

  it('stores no result for a refused request, so the corrected retry under the same key runs', async () => {
    const body = { ...validBody, applicant: { ...validBody.applicant, taxCode: '1108888888' } };
    await request(stack.app)
      .post('/api/dossiers')
      .set(auth)
      .set('Idempotency-Key', 'fix-and-retry-1')
      .send({ ...body, applicant: { ...body.applicant, email: 'broken' } })
      .expect(400);
    const retried = await request(stack.app).post('/api/dossiers').set(auth).set('Idempotency-Key', 'fix-and-retry-1').send(body).expect(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(await stack.prisma.dossier.count({ where: { applicant: { taxCode: '1108888888' } } })).toBe(1);
  });

  it('refuses a completeness check while the dossier waits for its round to send it to DOIT', async () => {
    const created = await request(stack.app).post('/api/dossiers').set(auth).send(validBody).expect(201);
    const handle = stack.temporal.workflow.getHandle(created.body.code);
    await expect(
      handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake', complete: true, expectedVersion: 0 }] }),
    ).rejects.toMatchObject({ cause: { type: 'WrongStage' } });
    expect(await handle.query(snapshotQuery)).toMatchObject({ stage: 'COMPILATION', version: 0 });
  });

  it('reports health ok with all three parts, and names the part that is down', async () => {
    const ok = await request(stack.app).get('/api/health').expect(200);
    expect(ok.body).toEqual({ status: 'ok', checks: { database: 'ok', temporal: 'ok', mail: 'ok' } });

    await stack.smtp.stop();
    // The mail check is cached for 30 s (no SMTP session per health poll): the same app still says ok, a fresh one sees it down.
    expect((await request(stack.app).get('/api/health').expect(200)).body.checks.mail).toBe('ok');
    const down = await request(createApp(stack.deps)).get('/api/health').expect(503);
    expect(down.headers['retry-after']).toBe('5');
    expect(down.body.checks).toEqual({ database: 'ok', temporal: 'ok', mail: 'down' });
  });
});
