import { DefaultPayloadConverter, type Payload } from '@temporalio/common';
import request from 'supertest';
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
