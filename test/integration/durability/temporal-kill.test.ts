/**
 * Temporal away and Temporal SIGKILLed, with its own dev server (persisted, own port) and the real
 * worker process under the npm start supervisor: the worker waits for a server that is not there
 * yet; during an outage keyed submissions get prompt 503s with Retry-After; after the restart each
 * one completes exactly once (one dossier, one filing record, one acknowledgement), within seconds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../../api/app';
import { TEMPORAL_CHANNEL_ARGS, TEMPORAL_READY_WAIT_MS } from '../../../api/http/temporal-ready';
import { findFreePort } from '../../../infra/ports';
import { startTemporalDevServer, type TemporalDevServer, type TemporalDevServerOptions } from '../../../infra/temporal-server';
import { supervise, type Supervised } from '../../../scripts/supervisor';
import { monthAgo, taxCode } from '../actions/support';
import { bearer, tokenFor } from '../../support/auth';
import { submitUntilRecorded, type Answer } from '../../support/keyed-client';
import { testDataConverter } from '../../support/payload-keys';
import { createTestStack, type TestStack } from '../../support/stack';
import { startWorkerProcess } from '../../support/worker-process';

const OUTAGE_MS = 15_000;

describe('Temporal away, and SIGKILLed during keyed submissions', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccn-temporal-kill-'));
  let options: TemporalDevServerOptions;
  let stack: TestStack;
  let temporal: TemporalDevServer | undefined;
  let connection: Connection;
  let app: Express;
  let worker: Supervised | undefined;
  const receivedOn = monthAgo();
  const letter = (n: number) => ({
    clusterCode: 'TTH-CA-NHIP',
    receivedOn,
    projectTitle: `Hạ tầng CCN Cà Nhíp, phương án ${n}`,
    applicant: { name: `Công ty Tân Thạnh số ${n}`, taxCode: taxCode(), email: `tanthanh${n}@example.vn` },
  });

  beforeAll(async () => {
    const port = await findFreePort();
    options = { port, uiPort: null, dbFile: path.join(dir, 'dev.db'), logFile: path.join(dir, 'temporal.log') };
    stack = await createTestStack('temporal-kill');
    // As api/main.ts builds it: lazy, with the capped reconnect back-off.
    connection = Connection.lazy({ address: `127.0.0.1:${port}`, channelArgs: TEMPORAL_CHANNEL_ARGS });
    app = createApp({ ...stack.deps, temporal: new Client({ connection, namespace: stack.deps.config.TEMPORAL_NAMESPACE, dataConverter: testDataConverter() }) });
  });
  afterAll(async () => {
    await worker?.stop();
    await connection.close();
    await temporal?.stop();
    await stack.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a worker started while Temporal is away waits for it, and works once it is up', async () => {
    const env = { ...stack.childEnv, TEMPORAL_ADDRESS: `127.0.0.1:${options.port}` };
    worker = await supervise('worker', async () => startWorkerProcess(env), { log: () => undefined, minBackoffMs: 500 });
    await new Promise((r) => setTimeout(r, 5_000));
    // It waited instead of exiting.
    expect(worker.restarts).toBe(0);
    temporal = await startTemporalDevServer(options);
    const answers: Answer[] = [];
    const code = await submitUntilRecorded(app, bearer(await tokenFor(stack, 'intake')), 'temporal-away', letter(0), answers, 90_000);
    await stack.smtp.waitFor((m) => m.subject.includes(code));
    expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
  });

  it('answers 503 promptly while Temporal is dead, and completes every keyed submission once after its restart', async () => {
    const auth = bearer(await tokenFor(stack, 'intake'));
    const answers: Answer[] = [];
    const submissions = [1, 2, 3, 4].map((n) => submitUntilRecorded(app, auth, `temporal-kill-${n}`, letter(n), answers, 150_000));
    // Some of them under way, then the server dies.
    await new Promise((r) => setTimeout(r, 300));
    const killedAt = Date.now();
    process.kill(-(temporal?.pid as number), 'SIGKILL');
    await temporal?.exited;
    // A new keyed submission sent during the outage, again and again, as a client retrying after Retry-After.
    const probes: { status: number; tookMs: number; retryAfter: string | undefined }[] = [];
    while (Date.now() - killedAt < OUTAGE_MS) {
      const started = Date.now();
      const res = await request(app).post('/api/dossiers').set(auth).set('Idempotency-Key', 'temporal-kill-probe').send(letter(5));
      probes.push({ status: res.status, tookMs: Date.now() - started, retryAfter: res.headers['retry-after'] });
      await new Promise((r) => setTimeout(r, 1_000));
    }
    temporal = await startTemporalDevServer(options);
    const recoveredAt = Date.now();
    const codes = await Promise.all([...submissions, submitUntilRecorded(app, auth, 'temporal-kill-probe', letter(5), answers, 90_000)]);
    const doneAt = Date.now();

    expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
    // Refused within the readiness bound (slack for a loaded machine), never after the 15 s Temporal deadline.
    expect(probes.length).toBeGreaterThan(3);
    expect(probes.filter((p) => p.status !== 503 || !p.retryAfter || p.tookMs > TEMPORAL_READY_WAIT_MS + 2_000)).toEqual([]);
    // Every retried key is answered soon after recovery (the worker reconnects too).
    console.log(`Temporal SIGKILL: ${probes.length} requests during the outage all 503 (slowest ${Math.max(...probes.map((p) => p.tookMs))} ms); all ${codes.length} submissions recorded ${doneAt - recoveredAt} ms after the restart`);
    expect(doneAt - recoveredAt).toBeLessThan(45_000);

    expect(new Set(codes).size).toBe(5);
    for (const code of codes) {
      await stack.smtp.waitFor((m) => m.subject.includes(code));
      expect(await stack.prisma.dossier.count({ where: { code } })).toBe(1);
      expect(await stack.prisma.auditEvent.count({ where: { dossierCode: code, action: 'dossier.filed' } })).toBe(1);
    }
    await new Promise((r) => setTimeout(r, 1_000));
    for (const code of codes) expect(stack.smtp.messages.filter((m) => m.subject.includes(code))).toHaveLength(1);
  }, 240_000);
});
