import { DefaultPayloadConverter, type Payload } from '@temporalio/common';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../../api/app';
import { loadConfig } from '../../../infra/config';
import { findFreePort } from '../../../infra/ports';
import { startTemporalDevServer } from '../../../infra/temporal-server';
import { EncryptionCodec, ENCRYPTED_ENCODING, generatePayloadKey, KEY_ID_METADATA, PayloadKeysSchema } from '../../../infra/payload-codec';
import { bearer, tokenFor } from '../../support/auth';
import { TEST_PAYLOAD_KEYS } from '../../support/payload-keys';
import { createTestStack, type TestStack } from '../../support/stack';
import { payloadToJson } from './history';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const plainPayload = (value: unknown) => ({ metadata: { encoding: b64('json/plain') }, data: b64(JSON.stringify(value)) });
const UI_ORIGIN = 'http://127.0.0.1:8233';

/** The remote codec the Temporal UI and CLI call: operators (ADMIN) only, the UI's origin allowed. */
describe('POST /api/temporal-codec/{encode,decode}', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await createTestStack('codec-endpoint');
  });
  afterAll(() => stack.close());

  const post = async (direction: 'encode' | 'decode', username: string | null, body: object, status: number) => {
    const req = request(stack.app).post(`/api/temporal-codec/${direction}`).set('Origin', UI_ORIGIN).set('X-Namespace', 'default');
    if (username) req.set(bearer(await tokenFor(stack, username)));
    return req.send(body).expect(status);
  };
  const encryptedWith = async (keys: string, value: unknown) => {
    const [encrypted] = await new EncryptionCodec(PayloadKeysSchema.parse(keys)).encode([new DefaultPayloadConverter().toPayload(value)]);
    return payloadToJson(encrypted as Payload);
  };

  it.each([
    ['no token', null, 401],
    ['an intake officer', 'intake', 403],
    ['a manager', 'manager', 403],
    ['a reviewer', 'reviewer.doc', 403],
    ['an appraiser', 'appraiser', 403],
    ['a council member', 'chair', 403],
  ])('refuses %s (%s) with %i and decodes nothing', async (_who, username, status) => {
    const response = await post('decode', username, { payloads: [await encryptedWith(TEST_PAYLOAD_KEYS, { email: 'secret@example.vn' })] }, status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(response.body)).not.toContain('secret@example.vn');
  });

  it('encodes for an administrator with the first key, and decodes back to the same payload', async () => {
    const original = plainPayload({ applicant: { email: 'a@example.vn' } });
    const encoded = await post('encode', 'admin', { payloads: [original] }, 200);
    const [encrypted] = encoded.body.payloads as { metadata: Record<string, string>; data: string }[];
    expect(Buffer.from(encrypted?.metadata.encoding ?? '', 'base64').toString()).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(encrypted?.metadata[KEY_ID_METADATA] ?? '', 'base64').toString()).toBe('test-fixtures');
    expect(Buffer.from(encrypted?.data ?? '', 'base64').toString()).not.toContain('a@example.vn');
    const decoded = await post('decode', 'admin', { payloads: [encrypted] }, 200);
    expect(decoded.body).toEqual({ payloads: [original] });
  });

  it('passes an unencrypted payload through decode unchanged (histories from before encryption)', async () => {
    const original = plainPayload({ code: 'CCN-OLD01-PLAIN' });
    expect((await post('decode', 'admin', { payloads: [original] }, 200)).body).toEqual({ payloads: [original] });
    // protobuf JSON (the Temporal CLI) leaves out an empty list.
    expect((await post('decode', 'admin', {}, 200)).body).toEqual({ payloads: [] });
  });

  it('answers 422 naming the key when a payload was encrypted with a key it does not have', async () => {
    const response = await post('decode', 'admin', { payloads: [await encryptedWith(generatePayloadKey('retired-2020'), 'x')] }, 422);
    expect(response.body.detail).toContain('retired-2020');
  });

  it('answers 400 naming the field for bytes that are not base64', async () => {
    const response = await post('decode', 'admin', { payloads: [{ metadata: { encoding: b64('json/plain') }, data: 'not base64!' }] }, 400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['payloads.0.data']);
  });

  it("lets the Temporal UI's origin call it from the browser, and no other origin", async () => {
    const preflight = await request(stack.app)
      .options('/api/temporal-codec/decode')
      .set('Origin', UI_ORIGIN)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,x-namespace')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
    expect(preflight.headers['access-control-allow-headers']?.toLowerCase().split(',')).toEqual(expect.arrayContaining(['authorization', 'content-type', 'x-namespace']));
    const ok = await post('decode', 'admin', { payloads: [] }, 200);
    expect(ok.headers['access-control-allow-origin']).toBe(UI_ORIGIN);

    const foreign = await request(stack.app).options('/api/temporal-codec/decode').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });
});

/**
 * What `npm start` runs: the dev server's UI, told the codec endpoint (`--ui-codec-endpoint`), has
 * no sign-in and so passes no token; with TEMPORAL_CODEC_LOOPBACK_UI the API decodes for it, and
 * only for it: the UI's origin, from this machine, no Authorization header.
 */
describe("the dev server's Temporal UI decoding through the codec endpoint", () => {
  let stack: TestStack;
  let localUiApp: Express;
  beforeAll(async () => {
    stack = await createTestStack('codec-dev-ui');
    localUiApp = createApp({ ...stack.deps, config: { ...stack.deps.config, TEMPORAL_CODEC_LOOPBACK_UI: true } });
  });
  afterAll(() => stack.close());

  const encrypted = async (value: unknown) => {
    const [payload] = await new EncryptionCodec(PayloadKeysSchema.parse(TEST_PAYLOAD_KEYS)).encode([new DefaultPayloadConverter().toPayload(value)]);
    return payloadToJson(payload as Payload);
  };
  /** Exactly the UI's request: POST {endpoint}/decode with Content-Type and X-Namespace, from its origin. */
  const asTheUi = (app: Express, direction: 'encode' | 'decode', origin = UI_ORIGIN) =>
    request(app).post(`/api/temporal-codec/${direction}`).set('Origin', origin).set('X-Namespace', 'default').set('Content-Type', 'application/json');

  it('is told the endpoint by the dev server, which has no sign-in and passes no token', async () => {
    const server = await startTemporalDevServer({ port: await findFreePort(), uiPort: await findFreePort(), dbFile: null, logFile: 'ignore', uiCodecEndpoint: 'http://127.0.0.1:3000/api/temporal-codec' });
    try {
      const settings = (await (await fetch(`${server.uiUrl}/api/v1/settings`)).json()) as { Auth: { Enabled: boolean }; Codec: { Endpoint: string; PassAccessToken: boolean } };
      expect(settings.Codec).toMatchObject({ Endpoint: 'http://127.0.0.1:3000/api/temporal-codec', PassAccessToken: false });
      expect(settings.Auth.Enabled).toBe(false);
    } finally {
      await server.stop();
    }
  }, 90_000);

  it("passes the UI's preflight (no Authorization asked) and decodes its request", async () => {
    const preflight = await request(localUiApp)
      .options('/api/temporal-codec/decode')
      .set('Origin', UI_ORIGIN)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,x-namespace')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
    const decoded = await asTheUi(localUiApp, 'decode').send({ payloads: [await encrypted({ email: 'secret@example.vn' })] }).expect(200);
    expect(decoded.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
    expect(Buffer.from((decoded.body.payloads as { data: string }[])[0]?.data ?? '', 'base64').toString()).toContain('secret@example.vn');
  });

  it('decodes nothing for another origin, without an origin, for encode, or when the setting is off', async () => {
    const body = { payloads: [await encrypted({ email: 'secret@example.vn' })] };
    for (const refused of [
      asTheUi(localUiApp, 'decode', 'https://evil.example'),
      request(localUiApp).post('/api/temporal-codec/decode').set('X-Namespace', 'default'),
      asTheUi(localUiApp, 'encode'),
      asTheUi(stack.app, 'decode'),
    ]) {
      const response = await refused.send(body);
      expect(response.status).toBe(401);
      expect(JSON.stringify(response.body)).not.toContain('secret@example.vn');
    }
    // A token that is not an operator's is still refused: the loopback path is for requests without one.
    const intake = await asTheUi(localUiApp, 'decode').set(bearer(await tokenFor(stack, 'intake'))).send(body);
    expect(intake.status).toBe(403);
  });

  it('cannot be switched on in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://x@127.0.0.1/db', SMTP_URL: 'smtp://127.0.0.1:25', JWT_SECRET: 'a'.repeat(32), PAYLOAD_KEYS: TEST_PAYLOAD_KEYS, TEMPORAL_CODEC_LOOPBACK_UI: 'true' })).toThrow(/TEMPORAL_CODEC_LOOPBACK_UI/);
  });
});
