/**
 * The codec endpoint called the way the Temporal UI calls it, from a real browser (Chromium): a page
 * on the UI's origin POSTs {endpoint}/decode with Content-Type, X-Namespace and the bearer token, so
 * Chromium itself enforces CORS (preflight included). A page on any other origin is blocked.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DefaultPayloadConverter, type Payload } from '@temporalio/common';
import { chromium, type Browser } from 'playwright-core';
import { createApp } from '../../../api/app';
import { EncryptionCodec, ENCRYPTED_ENCODING, PayloadKeysSchema } from '../../../infra/payload-codec';
import { tokenFor } from '../../support/auth';
import { TEST_PAYLOAD_KEYS } from '../../support/payload-keys';
import { createTestStack, type TestStack } from '../../support/stack';
import { payloadToJson } from './history';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A blank page, standing in for the Temporal UI (or for a stranger's site). */
const blankPage = () => http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>UI</title>'));

describe('the Temporal UI decoding through the codec endpoint, in a real browser', () => {
  let stack: TestStack;
  let browser: Browser;
  const servers: http.Server[] = [];
  let uiOrigin: string;
  let foreignOrigin: string;
  let endpoint: string;

  beforeAll(async () => {
    stack = await createTestStack('codec-browser');
    const ui = blankPage();
    const foreign = blankPage();
    servers.push(ui, foreign);
    uiOrigin = await listen(ui);
    foreignOrigin = await listen(foreign);
    // As TEMPORAL_UI_ORIGINS names the UI's origin.
    const api = http.createServer(createApp({ ...stack.deps, config: { ...stack.deps.config, TEMPORAL_UI_ORIGINS: [uiOrigin] } }));
    servers.push(api);
    endpoint = `${await listen(api)}/api/temporal-codec`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
    await stack.close();
  });

  /** What the UI's data encoder does: POST the payloads as protobuf JSON, with the namespace and the token. */
  const decodeFrom = async (origin: string, token: string, payload: object) => {
    const page = await browser.newPage();
    try {
      await page.goto(origin);
      return await page.evaluate(
        async ({ url, bearer, body }) => {
          try {
            const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Namespace': 'default', Authorization: `Bearer ${bearer}` }, body: JSON.stringify(body) });
            return { status: res.status, body: (await res.json()) as { payloads: { metadata: Record<string, string>; data: string }[] } };
          } catch (error) {
            return { blocked: String(error) };
          }
        },
        { url: `${endpoint}/decode`, bearer: token, body: { payloads: [payload] } },
      );
    } finally {
      await page.close();
    }
  };

  it("decodes for an administrator on the UI's origin, and a page on another origin cannot read it", async () => {
    const [encrypted] = await new EncryptionCodec(PayloadKeysSchema.parse(TEST_PAYLOAD_KEYS)).encode([new DefaultPayloadConverter().toPayload({ email: 'secret@example.vn' })]);
    const payload = payloadToJson(encrypted as Payload);
    expect(Buffer.from(payload.metadata.encoding ?? '', 'base64').toString()).toBe(ENCRYPTED_ENCODING);
    const token = await tokenFor(stack, 'admin');

    const decoded = await decodeFrom(uiOrigin, token, payload);
    expect(decoded).toMatchObject({ status: 200 });
    const [plain] = (decoded as { body: { payloads: { metadata: Record<string, string>; data: string }[] } }).body.payloads;
    expect(Buffer.from(plain?.metadata.encoding ?? '', 'base64').toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(plain?.data ?? '', 'base64').toString())).toEqual({ email: 'secret@example.vn' });

    // The browser refuses the answer to any other origin (the preflight gets no Access-Control-Allow-Origin).
    expect(await decodeFrom(foreignOrigin, token, payload)).toEqual({ blocked: expect.stringMatching(/Failed to fetch/) });
  });
});
