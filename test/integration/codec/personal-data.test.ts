import { execFile } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import request from 'supertest';
import { EncryptionCodec, encryptingDataConverter, ENCRYPTED_ENCODING, generatePayloadKey, KEY_ID_METADATA, PayloadKeysSchema } from '../../../infra/payload-codec';
import { createWorker } from '../../../worker/create-worker';
import { calendarChangedSignal, snapshotQuery } from '../../../workflows/dossier/api';
import { bearer, tokenFor } from '../../support/auth';
import { TEST_PAYLOAD_KEYS, testDataConverter } from '../../support/payload-keys';
import { createTestStack, type RunningWorker, type TestStack } from '../../support/stack';
import { metadataText, patchMarkersOf, payloadsOf, payloadToJson, rawHistory, uniqueApplicant, workflowIdsOn } from './history';

const TEST_KEY_ID = TEST_PAYLOAD_KEYS.split(':')[0];
const run = promisify(execFile);

/**
 * Applicant data goes into Temporal only encrypted: a workflow started through the real API and
 * worker leaves no name, tax code or e-mail in the bytes Temporal stores, read by a client that has
 * no codec; the codec (and the operators' codec endpoint) reads them back; keys rotate.
 */
describe('personal data in Temporal histories', () => {
  let stack: TestStack;
  let worker: RunningWorker;
  let raw: Client;
  const applicant = uniqueApplicant();
  let code: string;

  beforeAll(async () => {
    stack = await createTestStack('codec-history');
    worker = await stack.startWorker();
    // Same server, no codec: what anyone reading Temporal's database or the UI without the codec sees.
    raw = new Client({ connection: stack.temporal.connection, namespace: stack.deps.config.TEMPORAL_NAMESPACE });
    const created = await request(stack.app)
      .post('/api/dossiers')
      .set(bearer(await tokenFor(stack, 'intake')))
      .send({ clusterCode: 'DH-LOC-GIANG-2', projectTitle: 'Hạ tầng CCN Lộc Giang 2', applicant })
      .expect(201);
    code = created.body.code;
    // The acknowledgement went through the sendMail activity: its request, with the address, is in the history.
    await stack.smtp.waitFor((m) => m.to.includes(applicant.email));
  });
  afterAll(() => stack.close());

  it('stores no applicant name, tax code or e-mail in any raw history, and every payload is encrypted', async () => {
    const ids = await workflowIdsOn(raw, stack.taskQueue);
    expect(ids).toContain(code);
    const markers: unknown[] = [];
    for (const id of ids) {
      const { history, bytes } = await rawHistory(raw, id);
      for (const secret of Object.values(applicant)) expect({ id, leaked: secret, found: bytes.includes(Buffer.from(secret)) }).toEqual({ id, leaked: secret, found: false });
      const payloads = payloadsOf(history);
      expect(payloads.length).toBeGreaterThan(0);
      expect(new Set(payloads.map((p) => `${metadataText(p, 'encoding')} ${metadataText(p, KEY_ID_METADATA)}`))).toEqual(new Set([`${ENCRYPTED_ENCODING} ${TEST_KEY_ID}`]));
      // The only plain payloads: the SDK's patch markers, which name a patch of ours and nothing else.
      markers.push(...patchMarkersOf(history));
    }
    // The round's first staff notice is behind a patch, so there is one to look at.
    expect(markers.length).toBeGreaterThan(0);
    for (const marker of markers) expect(marker).toEqual({ id: expect.stringMatching(/^[a-z-]+$/), deprecated: false });
  });

  it('decrypts the same history with the codec, and through the codec endpoint for an administrator', async () => {
    const { history } = await rawHistory(raw, code);
    const payloads = payloadsOf(history);
    const plain = (await new EncryptionCodec(PayloadKeysSchema.parse(TEST_PAYLOAD_KEYS)).decode(payloads)).map((p) => Buffer.from(p.data ?? []).toString()).join('\n');
    for (const secret of Object.values(applicant)) expect(plain).toContain(secret);

    const body = { payloads: payloads.map(payloadToJson) };
    const decoded = await request(stack.app).post('/api/temporal-codec/decode').set(bearer(await tokenFor(stack, 'admin'))).send(body).expect(200);
    const viaEndpoint = (decoded.body.payloads as { data: string }[]).map((p) => Buffer.from(p.data, 'base64').toString()).join('\n');
    expect(viaEndpoint).toBe(plain);
  });

  it('lets an operator read the decrypted history with the Temporal CLI through the codec endpoint', async () => {
    const cli = process.env.TEMPORAL_CLI_PATH;
    if (!cli) throw new Error('TEMPORAL_CLI_PATH is not set: global-setup provides the Temporal CLI');
    const server = stack.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/temporal-codec`;
      // The JSON output keeps payload bytes in base64: read them back to search the text.
      const show = async (...extra: string[]) => {
        const { stdout } = await run(cli, ['workflow', 'show', '--workflow-id', code, '--address', process.env.TEMPORAL_ADDRESS as string, '--output', 'json', ...extra], { maxBuffer: 64 * 1024 * 1024 });
        return [...stdout.matchAll(/"data":\s*"([A-Za-z0-9+/=]*)"/g)].map((m) => Buffer.from(m[1] as string, 'base64').toString()).join('\n');
      };
      const decoded = await show('--codec-endpoint', endpoint, '--codec-auth', `Bearer ${await tokenFor(stack, 'admin')}`);
      expect(decoded).toContain(applicant.email);
      expect(decoded).toContain(applicant.taxCode);
      const without = await show();
      expect(without.length).toBeGreaterThan(0);
      expect(without).not.toContain(applicant.email);
    } finally {
      server.close();
    }
  });

  it('replays the encrypted history with the codec, and cannot without it', async () => {
    const { history } = await rawHistory(raw, code);
    const workflowBundle = { code: fs.readFileSync(process.env.WORKFLOW_BUNDLE_PATH as string, 'utf8') };
    await expect(Worker.runReplayHistory({ workflowBundle, dataConverter: testDataConverter(), replayName: 'codec-with' }, history, code)).resolves.toBeUndefined();
    await expect(Worker.runReplayHistory({ workflowBundle, replayName: 'codec-without' }, history, code)).rejects.toThrow();
  });

  it('rotates keys: a worker with a new first key still reads the old payloads and writes new ones with the new key', async () => {
    await worker.stop();
    const rotatedKeys = `${generatePayloadKey('rotated-2027')},${TEST_PAYLOAD_KEYS}`;
    const rotated = encryptingDataConverter(PayloadKeysSchema.parse(rotatedKeys));
    const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS as string });
    const rotatedWorker = await createWorker({
      connection,
      namespace: stack.deps.config.TEMPORAL_NAMESPACE,
      taskQueue: stack.taskQueue,
      deps: { prisma: stack.prisma, mailer: stack.mailer, config: stack.deps.config },
      dataConverter: rotated,
      workflowBundle: { code: fs.readFileSync(process.env.WORKFLOW_BUNDLE_PATH as string, 'utf8') },
    });
    const running = rotatedWorker.run();
    try {
      const client = new Client({ connection: stack.temporal.connection, namespace: stack.deps.config.TEMPORAL_NAMESPACE, dataConverter: rotated });
      const handle = client.workflow.getHandle(code);
      await handle.signal(calendarChangedSignal, { date: '2026-12-31' });
      // A fresh worker has no cache: answering means it replayed the whole history written with the old key.
      expect(await handle.query(snapshotQuery)).toMatchObject({ code });

      const { history } = await rawHistory(raw, code);
      const signalled = history.events?.find((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'calendarChanged');
      const [signalPayload] = payloadsOf(signalled?.workflowExecutionSignaledEventAttributes?.input);
      expect(signalPayload && metadataText(signalPayload, KEY_ID_METADATA)).toBe('rotated-2027');
      expect(history.events?.some((e) => e.workflowTaskFailedEventAttributes)).toBe(false);
      const keyIds = new Set(payloadsOf(history).map((p) => metadataText(p, KEY_ID_METADATA)));
      expect(keyIds).toEqual(new Set([TEST_KEY_ID, 'rotated-2027']));

      // The worker answers with the new key: a process that only knows the old one cannot read it.
      await expect(stack.temporal.workflow.getHandle(code).query(snapshotQuery)).rejects.toThrow(/rotated-2027/);
    } finally {
      rotatedWorker.shutdown();
      await running;
      await connection.close();
    }
  });
});
