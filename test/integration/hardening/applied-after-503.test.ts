/**
 * "A 409 WrongStage after a 503 is ambiguous for clients": a keyed action that Temporal applied
 * while the client heard a 503 (the Update's answer lost on the way back), retried with the same
 * Idempotency-Key, gets the applied answer (200), once, never the read model's 409 WrongStage;
 * also when the Update closed the workflow. And a live request keeps its key's record past the
 * stale window (its lease is renewed), so only a dead process's record is taken over.
 */
import { Client, WorkflowUpdateRPCTimeoutOrCancelledError, type WorkflowHandle } from '@temporalio/client';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../../api/app';
import { STALE_AFTER_MS } from '../../../api/http/idempotency';
import { todayInVietnam } from '../../../infra/clock';
import { as, monthAgo, taxCode, waitForRound } from '../actions/support';
import { submitUntilRecorded } from '../../support/keyed-client';
import { createTestStack, type RunningWorker, type TestStack } from '../../support/stack';

type Fault = (real: () => Promise<unknown>) => Promise<unknown>;

/** The stack's API with a Temporal client whose executeUpdate goes through `fault` (the real call inside). */
function appWithFaultyUpdates(stack: TestStack, fault: Fault): Express {
  const workflow = new Proxy(stack.temporal.workflow, {
    get(target, property, receiver) {
      if (property !== 'getHandle') return Reflect.get(target, property, receiver) as unknown;
      return (...args: Parameters<typeof target.getHandle>) => {
        const handle = target.getHandle(...args);
        const faulty: WorkflowHandle = Object.create(handle) as WorkflowHandle;
        faulty.executeUpdate = ((...updateArgs: Parameters<WorkflowHandle['executeUpdate']>) => fault(() => handle.executeUpdate(...updateArgs))) as WorkflowHandle['executeUpdate'];
        return faulty;
      };
    },
  });
  const temporal = new Proxy(stack.temporal, { get: (target, property, receiver) => (property === 'workflow' ? workflow : (Reflect.get(target, property, receiver) as unknown)) }) as Client;
  return createApp({ ...stack.deps, temporal });
}

/** Applied by Temporal, then the answer is lost: what a client sees when the connection drops after the server took the Update. */
const appliedThenLost: Fault = async (real) => {
  await real();
  throw new WorkflowUpdateRPCTimeoutOrCancelledError('Timed out or cancelled waiting for Update', { cause: new Error('14 UNAVAILABLE: connection dropped') });
};

describe('a keyed action applied while its client heard a 503', () => {
  let stack: TestStack;
  let worker: RunningWorker | undefined;

  beforeAll(async () => {
    stack = await createTestStack('applied-503');
    worker = await stack.startWorker();
  });
  afterAll(async () => {
    await worker?.stop();
    await stack?.close();
  });

  /** A letter filed a month ago in its own cluster; its round waits for the commune PC's call. */
  const fileLetter = async (clusterCode: string) => {
    const letter = { clusterCode, receivedOn: monthAgo(), projectTitle: `Hạ tầng ${clusterCode}`, applicant: { name: `Công ty ${clusterCode}`, taxCode: taxCode(), email: 'investor@example.vn' } };
    const code = await submitUntilRecorded(stack.app, await as(stack, 'intake'), `letter-${clusterCode}`, letter, []);
    const dossier = await request(stack.app).get(`/api/dossiers/${code}`).set(await as(stack, 'intake')).expect(200);
    return { code, roundCode: dossier.body.round.code as string };
  };

  it('round announcement: 503, then the retry with the same key is the applied 200, replayed after, and applied once', async () => {
    const { roundCode } = await fileLetter('CD-PHUOC-TUY-1');
    // Announced today: a window counted from a month ago closes at once, and the round would move on before the answer is read.
    const announcedOn = todayInVietnam();
    const pending = await waitForRound(stack, roundCode, (r) => r.tasks.some((t) => t.kind === 'CALL_ANNOUNCEMENT' && t.status === 'OPEN'));
    const pc = await as(stack, 'reviewer.commune_pc');
    const body = { announcedOn, publishedAt: 'Cổng thông tin điện tử tỉnh', expectedVersion: pending.version };
    const url = `/api/rounds/${roundCode}/announcement`;

    const lost = await request(appWithFaultyUpdates(stack, appliedThenLost)).post(url).set(pc).set('Idempotency-Key', 'announce-1').send(body);
    expect(lost.status).toBe(503);
    expect(lost.headers['retry-after']).toMatch(/^\d+$/);

    const retried = await request(stack.app).post(url).set(pc).set('Idempotency-Key', 'announce-1').send(body);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ code: roundCode, version: pending.version + 1 });
    expect(retried.body.announcement).toMatchObject({ announcedOn });
    const replayed = await request(stack.app).post(url).set(pc).set('Idempotency-Key', 'announce-1').send(body);
    expect(replayed.status).toBe(200);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toEqual(retried.body);
    // A new key is a new request: the step has passed, so it is refused as before.
    const fresh = await request(stack.app).post(url).set(pc).set('Idempotency-Key', 'announce-2').send(body);
    expect(fresh.status).toBe(409);

    const round = await stack.prisma.selectionRound.findUniqueOrThrow({ where: { code: roundCode } });
    expect(await stack.prisma.auditEvent.count({ where: { entityType: 'SelectionRound', entityId: round.id, action: 'round.call-announced' } })).toBe(1);
  });

  it('dossier withdrawal (which closes the dossier): 503, then the retry with the same key is the applied 200, applied once', async () => {
    const { code } = await fileLetter('TTR-TAN-BINH-2');
    const intake = await as(stack, 'intake');
    const url = `/api/dossiers/${code}/withdrawal`;
    const body = { reason: 'Nhà đầu tư rút hồ sơ' };

    const lost = await request(appWithFaultyUpdates(stack, appliedThenLost)).post(url).set(intake).set('Idempotency-Key', 'withdraw-1').send(body);
    expect(lost.status).toBe(503);
    const retried = await request(stack.app).post(url).set(intake).set('Idempotency-Key', 'withdraw-1').send(body);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ code, status: 'WITHDRAWN' });
    const fresh = await request(stack.app).post(url).set(intake).set('Idempotency-Key', 'withdraw-2').send(body);
    expect(fresh.status).toBe(409);
    expect(await stack.prisma.auditEvent.count({ where: { dossierCode: code, action: 'dossier.withdrawn' } })).toBe(1);
  });

  it('a live request keeps its record past the stale window: a retry meanwhile is 409 InProgress, not a second run', async () => {
    const { code } = await fileLetter('DH-LOC-GIANG-1');
    const intake = await as(stack, 'intake');
    const url = `/api/dossiers/${code}/withdrawal`;
    const body = { reason: 'Nhà đầu tư rút hồ sơ' };
    let releaseSlow: () => void = () => undefined;
    const slowStarted = new Promise<void>((started) => {
      const slow = appWithFaultyUpdates(stack, async (real) => {
        started();
        await new Promise<void>((resume) => (releaseSlow = resume));
        return real();
      });
      void request(slow).post(url).set(intake).set('Idempotency-Key', 'slow-1').send(body).then(() => undefined);
    });
    await slowStarted;
    // Past the stale window of a record nobody renews: a lease that was not renewed would be taken over here.
    await new Promise((r) => setTimeout(r, STALE_AFTER_MS + 1_500));
    const meanwhile = await request(stack.app).post(url).set(intake).set('Idempotency-Key', 'slow-1').send(body);
    expect(meanwhile.status).toBe(409);
    expect(meanwhile.body.reason).toBe('InProgress');
    expect(Number(meanwhile.headers['retry-after'])).toBeLessThanOrEqual(STALE_AFTER_MS / 1_000);
    releaseSlow();
    for (const started = Date.now(); ; ) {
      const after = await request(stack.app).post(url).set(intake).set('Idempotency-Key', 'slow-1').send(body);
      if (after.status === 200) {
        expect(after.body).toMatchObject({ code, status: 'WITHDRAWN' });
        break;
      }
      expect(after.body.reason).toBe('InProgress');
      if (Date.now() - started > 20_000) throw new Error(`still ${after.status}`);
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(await stack.prisma.auditEvent.count({ where: { dossierCode: code, action: 'dossier.withdrawn' } })).toBe(1);
  });
});
