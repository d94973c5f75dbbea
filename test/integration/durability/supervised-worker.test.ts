import request from 'supertest';
import type { ServiceProcess } from '../../../infra/service-process';
import { supervise, type Supervised } from '../../../scripts/supervisor';
import { monthAgo } from '../actions/support';
import { bearer, tokenFor } from '../../support/auth';
import { createTestStack, type TestStack } from '../../support/stack';
import { killProcessGroup, startWorkerProcess } from '../../support/worker-process';

describe('the supervisor of npm start with the real worker', () => {
  let stack: TestStack;
  let supervised: Supervised | undefined;

  beforeAll(async () => {
    stack = await createTestStack('supervised');
  });
  afterAll(async () => {
    await supervised?.stop();
    await stack.close();
  });

  it('restarts a SIGKILLed worker, and a keyed submission made meanwhile is acknowledged once, mailed once', async () => {
    let current: ServiceProcess | undefined;
    supervised = await supervise(
      'worker',
      async () => {
        current = startWorkerProcess(stack.childEnv);
        return current;
      },
      { log: () => undefined, minBackoffMs: 200 },
    );
    const killed = current as ServiceProcess;
    await killProcessGroup(killed);

    const token = await tokenFor(stack, 'intake');
    const submit = () =>
      request(stack.app)
        .post('/api/dossiers')
        .set(bearer(token))
        .set('Idempotency-Key', 'supervised-letter')
        .send({
          clusterCode: 'TTR-TAN-BINH-1',
          receivedOn: monthAgo(),
          projectTitle: 'Hạ tầng CCN Tân Bình 1',
          applicant: { name: 'Công ty Tân Trụ', taxCode: '1103334445', email: 'tantru@example.vn' },
        });
    const statuses: number[] = [];
    let answer = await submit();
    statuses.push(answer.status);
    for (let attempt = 1; answer.status === 503 && attempt < 12; attempt++) {
      expect(answer.headers['retry-after']).toBeDefined();
      answer = await submit();
      statuses.push(answer.status);
    }
    expect(answer.status).toBe(201);
    expect(supervised.restarts).toBe(1);
    expect(statuses.filter((status) => status >= 500 && status !== 503)).toEqual([]);
    const code: string = answer.body.code;
    await stack.smtp.waitFor((m) => m.subject.includes(code));
    // The same key once more replays the same dossier.
    const replay = await submit();
    expect(replay.body.code).toBe(code);
    expect(await stack.prisma.dossier.count({ where: { code } })).toBe(1);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(stack.smtp.messages.filter((m) => m.subject.includes(code))).toHaveLength(1);
  }, 120_000);
});
