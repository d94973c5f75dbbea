/** Faults: a cut-off upload, a crash between blob and row (swept), and stored bytes that no longer match their sha256. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import request from 'supertest';
import { ORPHAN_AGE_MS, sweepOrphans } from '../../../api/documents/sweep';
import { blobKey } from '../../../storage/object-store';
import { bearer, tokenFor } from '../../support/auth';
import { createTestStack, type TestStack } from '../../support/stack';
import { appWithStore, download, insertDossier, MB, objectKeys, pdf, rawMultipart, upload } from './support';
import { startFolderStore, type TestStore } from './stores';

let stack: TestStack;
let t: TestStore;
beforeAll(async () => {
  stack = await createTestStack('documents-faults');
  t = startFolderStore();
});
afterAll(async () => {
  await t?.close();
  await stack?.close();
});

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('an upload cut off midway leaves no version and no object', async () => {
  const app = appWithStore(stack, t.store);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const dossier = await insertDossier(stack.prisma);
    const { body, contentType } = rawMultipart('INVESTMENT_REPORT', pdf(4 * MB), 'filename="bao-cao.pdf"');
    const token = await tokenFor(stack, 'intake');
    const req = http.request({
      host: '127.0.0.1',
      port: (server.address() as AddressInfo).port,
      method: 'POST',
      path: `/api/dossiers/${dossier.code}/documents`,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': contentType, 'Content-Length': body.length },
    });
    req.on('error', () => undefined);
    req.write(body.subarray(0, 2 * MB));
    // Let the server start storing before the client goes away.
    await waitFor(async () => (await objectKeys(t.store, 'uploads/')).length > 0, 'the upload to start');
    req.destroy();

    await waitFor(async () => (await objectKeys(t.store, 'uploads/')).length === 0, 'the partial upload to be removed');
    expect(await objectKeys(t.store, 'blobs/')).toEqual([]);
    expect(await stack.prisma.documentVersion.count({ where: { document: { dossierId: dossier.id } } })).toBe(0);
    expect(await stack.prisma.auditEvent.count({ where: { dossierCode: dossier.code } })).toBe(0);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('the sweep removes a blob left by a crash between blob and row, and a stale upload, once old enough; it keeps referenced blobs', async () => {
  const app = appWithStore(stack, t.store);
  const dossier = await insertDossier(stack.prisma);
  const kept = await upload(stack, app, dossier.code, 'LEGAL_STATUS', pdf());
  expect(kept.status).toBe(201);
  // The crash: the blob was moved into place, the process died before the row was committed.
  const orphan = blobKey('f'.repeat(64));
  await t.store.put(orphan, Readable.from([pdf()]));
  await t.store.put('uploads/left-by-a-killed-api', Readable.from([Buffer.from('%PDF-')]));

  expect(await sweepOrphans(stack.prisma, t.store, new Date())).toEqual([]);
  const later = new Date(Date.now() + ORPHAN_AGE_MS + 1000);
  expect((await sweepOrphans(stack.prisma, t.store, later)).sort()).toEqual([orphan, 'uploads/left-by-a-killed-api']);
  expect(await objectKeys(t.store, 'blobs/')).toContain(blobKey(kept.body.sha256 as string));
  expect(await objectKeys(t.store, 'uploads/')).toEqual([]);
  expect((await download(stack, app, kept.body.contentUrl)).status).toBe(200);
});

test('a small file whose stored bytes changed is never served: 500 problem, audited, and the item becomes defective', async () => {
  const app = appWithStore(stack, t.store);
  const dossier = await insertDossier(stack.prisma);
  const up = await upload(stack, app, dossier.code, 'APPLICATION_LETTER', pdf(5000));
  await t.store.put(blobKey(up.body.sha256 as string), Readable.from([pdf(5000)]));

  const response = await request(app).get(up.body.contentUrl).set(bearer(await tokenFor(stack, 'appraiser')));
  expect(response.status).toBe(500);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.body.detail).toContain('sha256');
  expect(response.body.detail).toContain('APPLICATION_LETTER bản 1');

  const audit = await stack.prisma.auditEvent.findMany({ where: { dossierCode: dossier.code, action: { startsWith: 'document.' } }, orderBy: { id: 'asc' } });
  expect(audit.map((a) => [a.action, a.actor])).toEqual([
    ['document.uploaded', 'intake'],
    ['document.integrity-failed', 'appraiser'],
  ]);
  const list = await request(app).get(`/api/dossiers/${dossier.code}/documents`).set(bearer(await tokenFor(stack, 'intake')));
  expect(list.body.items.find((i: { code: string }) => i.code === 'APPLICATION_LETTER')).toMatchObject({ state: 'defective' });
});

test('a large corrupt file is cut off before its end while streaming; the next request gets the clean problem', async () => {
  const app = appWithStore(stack, t.store);
  const dossier = await insertDossier(stack.prisma);
  const size = 9 * MB;
  const up = await upload(stack, app, dossier.code, 'INVESTMENT_REPORT', pdf(size));
  await t.store.put(blobKey(up.body.sha256 as string), Readable.from([pdf(size)]));

  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const token = await tokenFor(stack, 'intake');
  const received = await new Promise<{ status: number; bytes: number; complete: boolean }>((resolve) => {
    http.get({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: up.body.contentUrl as string, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      const done = () => resolve({ status: res.statusCode ?? 0, bytes, complete: res.complete });
      res.on('end', done);
      res.on('error', done);
      res.on('close', done);
    });
  });
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  // The headers promised the whole file; the connection was cut before its last chunk.
  expect(received.status).toBe(200);
  expect(received.complete).toBe(false);
  expect(received.bytes).toBeLessThan(size);
  await waitFor(async () => (await stack.prisma.documentVersion.findUniqueOrThrow({ where: { id: up.body.id } })).corruptAt !== null, 'the corruption mark');

  const second = await request(app).get(up.body.contentUrl).set(bearer(await tokenFor(stack, 'intake')));
  expect(second.status).toBe(500);
  expect(second.body.detail).toContain('sha256');
});
