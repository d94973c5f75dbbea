/**
 * A dependency that cannot be reached is a prompt 503 with Retry-After, and nothing acknowledged is
 * lost: a submission refused while Temporal is unreachable completes, once, when retried with the
 * same Idempotency-Key against a reachable Temporal.
 */
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { createApp } from '../../../api/app';
import { createPrismaClient } from '../../../db/client';
import { TEMPORAL_READY_WAIT_MS } from '../../../api/http/temporal-ready';
import { bearer, tokenFor } from '../../support/auth';
import { submitUntilRecorded, type Answer } from '../../support/keyed-client';
import { createTestStack, type RunningWorker, type TestStack } from '../../support/stack';
import { closedPort } from '../../support/closed-port';

const body = {
  clusterCode: 'DH-LOC-GIANG-1',
  projectTitle: 'Đầu tư hạ tầng kỹ thuật CCN Lộc Giang 1',
  applicant: { name: 'Công ty CP Hạ tầng Đức Hòa', taxCode: '1101234567', email: 'investor@example.vn' },
};

describe('dependencies down', () => {
  let stack: TestStack;
  let worker: RunningWorker | undefined;

  beforeAll(async () => {
    stack = await createTestStack('deps-down');
    worker = await stack.startWorker();
  });
  afterAll(async () => {
    await worker?.stop();
    await stack?.close();
  });

  it('Temporal unreachable across a submission: 503 + Retry-After, then the same key completes once', async () => {
    const auth = bearer(await tokenFor(stack, 'intake'));
    // Never closed: the SDK's connect retry runs on after the request's deadline, and a channel closed
    // under it throws from its timer into whichever test runs then. The process ends it.
    const connection = Connection.lazy({ address: `127.0.0.1:${await closedPort()}`, connectTimeout: '2s' });
    const down = createApp({ ...stack.deps, temporal: new Client({ connection, namespace: stack.temporal.options.namespace }) });
    const started = Date.now();
    const refused = await request(down).post('/api/dossiers').set(auth).set('Idempotency-Key', 'temporal-down-1').send(body);
    expect(refused.status).toBe(503);
    // Promptly: the readiness check's bound, not the submission's 15 s Temporal deadline (slack for a loaded CI machine).
    expect(Date.now() - started).toBeLessThan(TEMPORAL_READY_WAIT_MS + 2_000);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 503, unavailable: 'temporal' });
    // Nothing acknowledged, nothing kept: the record is released so the retry runs now, not after a lock-out.
    expect(await stack.prisma.idempotencyRecord.count({ where: { key: { endsWith: ':temporal-down-1' } } })).toBe(0);

    // Temporal reachable again: the client's retries with the same key (a 503 again on a loaded machine, a 202) end in one 201.
    const answers: Answer[] = [];
    const code = await submitUntilRecorded(stack.app, auth, 'temporal-down-1', body, answers, 60_000);
    expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
    const again = await request(stack.app).post('/api/dossiers').set(auth).set('Idempotency-Key', 'temporal-down-1').send(body);
    expect(again.body.code).toBe(code);
    expect(await stack.prisma.dossier.count({ where: { projectTitle: body.projectTitle } })).toBe(1);
  });

  it('database unreachable: 503 + Retry-After promptly, and health names the database', async () => {
    const prisma = createPrismaClient(`postgresql://postgres@127.0.0.1:${await closedPort()}/none`, { connectionTimeoutMs: 2_000 });
    const token = await tokenFor(stack, 'admin');
    const down = createApp({ ...stack.deps, prisma });
    try {
      const started = Date.now();
      const res = await request(down).get('/api/dossiers?page=1').set(bearer(token));
      expect(res.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(res.body).toMatchObject({ status: 503, unavailable: 'database' });
      const health = await request(down).get('/api/health').expect(503);
      expect(health.body.checks).toMatchObject({ database: 'down', temporal: 'ok' });
    } finally {
      await prisma.$disconnect();
    }
  });
});
