/**
 * The "How it will be checked", walked against a real stack: a real API process (api/main.ts,
 * the folder store under its own DOCUMENTS_DIR), a real worker, PostgreSQL and Temporal. The intake
 * officer uploads the components of a dossier; a consulted reviewer and a council member read them;
 * the public lookup, a signed-out caller and a reviewer of a department not consulted are refused;
 * hostile files are refused; the API process is SIGKILLed during an upload and started again. Then
 * the versions, blobs and audit rows are counted: exactly what the API acknowledged.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { ORPHAN_AGE_MS, sweepOrphans } from '../../../api/documents/sweep';
import { projectRoot } from '../../../infra/paths';
import { findFreePort } from '../../../infra/ports';
import { startServiceProcess, type ServiceProcess } from '../../../infra/service-process';
import { folderStore } from '../../../storage/folder-store';
import { blobKey } from '../../../storage/object-store';
import { bearer, tokenFor } from '../../support/auth';
import { createTestStack, type TestStack } from '../../support/stack';
import { submit, waitForStage } from '../actions/support';
import { COMPLETE_SET, MB, objectKeys, pdf, rawMultipart } from './support';

type Acknowledged = { id: string; item: string; version: number; sha256: string; fileName: string; contentUrl: string };

let stack: TestStack;
let api: ServiceProcess | undefined;
let port = 0;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ccn-walkthrough-'));
const documentsDir = path.join(work, 'documents');
const store = folderStore(documentsDir);

async function startApi(): Promise<void> {
  port = await findFreePort();
  api = startServiceProcess({
    name: 'api',
    command: process.execPath,
    args: ['--import', 'tsx', path.join(projectRoot(), 'api', 'main.ts')],
    env: {
      ...stack.childEnv,
      JWT_SECRET: stack.deps.config.JWT_SECRET,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: work,
      DOCUMENTS_DIR: documentsDir,
      DOCUMENT_MAX_FILE_MB: '5',
    },
    output: 'ignore',
  });
  for (let i = 0; i < 240; i++) {
    if (await fetch(`http://127.0.0.1:${port}/api/health`).then(() => true, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the API process did not start');
}

const client = () => request(`http://127.0.0.1:${port}`);
const as = async (username: string) => bearer(await tokenFor(stack, username));

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A multipart upload written by hand, as a hostile client sends it (names with paths, raw bytes). */
async function uploadRaw(code: string, item: string, file: Buffer, disposition: string, headers: Record<string, string> = {}) {
  const { body, contentType } = rawMultipart(item, file, disposition);
  return client()
    .post(`/api/dossiers/${code}/documents`)
    .set(await as('intake'))
    .set(headers)
    .set('Content-Type', contentType)
    .send(body);
}

/** An upload that stops after `sent` bytes of its body and then goes nowhere: the caller cuts it or kills the API. */
async function startHalfUpload(code: string, item: string, size: number, sent: number): Promise<http.ClientRequest> {
  const { body, contentType } = rawMultipart(item, pdf(size), 'filename="bao-cao-dau-tu.pdf"');
  const req = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: `/api/dossiers/${code}/documents`,
    headers: { ...(await as('intake')), 'Content-Type': contentType, 'Content-Length': body.length, 'Idempotency-Key': `killed-${code}` },
  });
  req.on('error', () => undefined);
  req.write(body.subarray(0, sent));
  await waitFor(async () => (await objectKeys(store, 'uploads/')).length > 0, 'the upload to reach the store');
  return req;
}

/** A GET whose body is kept as bytes. */
async function download(url: string, username: string, headers: Record<string, string> = {}) {
  return client()
    .get(url)
    .set(await as(username))
    .set(headers)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
}

beforeAll(async () => {
  stack = await createTestStack('documents-walkthrough');
  await stack.startWorker();
  await startApi();
});
afterAll(async () => {
  await api?.stop(2_000);
  await stack?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

test('upload, read, refuse, crash: afterwards versions, blobs and audit rows are exactly what was acknowledged', async () => {
  const code = await submit(stack, 'DH-LOC-GIANG-1');
  const acknowledged: Acknowledged[] = [];
  let reads = 0;
  const keep = (response: { status: number; body: unknown }) => {
    expect(response.status).toBe(201);
    acknowledged.push(response.body as Acknowledged);
    return response.body as Acknowledged;
  };

  // The intake officer uploads the components, all but the financial plan; a Vietnamese name in both Unicode forms.
  const files = new Map<string, Buffer>();
  for (const item of COMPLETE_SET.filter((i) => i !== 'FINANCIAL_PLAN')) {
    const file = pdf(8 * 1024);
    files.set(item, file);
    keep(await uploadRaw(code, item, file, `filename="${item.toLowerCase()}.pdf"`));
  }
  const nfc = 'Báo cáo tài chính 2025.pdf'.normalize('NFC');
  for (const form of [nfc.normalize('NFD'), nfc]) {
    const version = keep(await uploadRaw(code, 'AUDITED_STATEMENTS', pdf(), `filename="${form}"`));
    expect(version.fileName).toBe(nfc);
  }

  // Readers: a reviewer of a department the rule set consults (before the opinions open) and a council member.
  const list = await client().get(`/api/dossiers/${code}/documents`).set(await as('reviewer.dof'));
  expect(list.status).toBe(200);
  expect(list.body.problems.map((p: { code: string }) => p.code)).toEqual(['FINANCIAL_PLAN']);
  const letter = acknowledged.find((v) => v.item === 'APPLICATION_LETTER') as Acknowledged;
  const read = await download(letter.contentUrl, 'chair');
  expect([read.status, createHash('sha256').update(read.body as Buffer).digest('hex')]).toEqual([200, letter.sha256]);
  reads += 1;
  const part = await download(letter.contentUrl, 'reviewer.dof', { Range: 'bytes=0-99' });
  expect([part.status, (part.body as Buffer).equals((files.get('APPLICATION_LETTER') as Buffer).subarray(0, 100))]).toEqual([206, true]);
  reads += 1;
  const statements = acknowledged.filter((v) => v.item === 'AUDITED_STATEMENTS');
  const named = await download(statements[0]?.contentUrl as string, 'member.doc');
  expect(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(named.headers['content-disposition'] as string)?.[1] ?? '')).toBe(nfc);
  reads += 1;

  // Refused readers: a department not consulted (DOIT appraises; DPI merged into DOF), no token, the public lookup.
  for (const username of ['reviewer.doit', 'reviewer.dpi']) {
    const refused = await download(letter.contentUrl, username);
    expect([username, refused.status, JSON.parse((refused.body as Buffer).toString()).reason]).toEqual([username, 403, 'NotConsulted']);
    expect((await client().get(`/api/dossiers/${code}/documents`).set(await as(username))).status).toBe(403);
  }
  expect((await client().get(letter.contentUrl)).status).toBe(401);
  expect((await client().get(`/api/dossiers/${code}/documents`)).status).toBe(401);
  const lookup = await client().get(`/api/public/dossiers/${code}`);
  expect(lookup.status).toBe(200);
  expect(JSON.stringify(lookup.body)).not.toMatch(new RegExp(`${letter.id}|${letter.sha256}|application_letter`));
  expect((await client().get(`/api/public/dossiers/${code}/documents`)).status).toBe(404);

  // Hostile files: each refused with a problem a person can act on, nothing stored.
  const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), randomBytes(4096)]);
  const renamed = await uploadRaw(code, 'FINANCIAL_PLAN', exe, 'filename="phuong-an-tai-chinh.pdf"');
  expect([renamed.status, renamed.body.item, renamed.body.acceptedTypes]).toEqual([415, 'FINANCIAL_PLAN', expect.arrayContaining(['application/pdf'])]);
  expect(renamed.body.detail).toContain('Phương án tài chính');
  const oversized = await uploadRaw(code, 'LEGAL_STATUS', pdf(6 * MB), 'filename="giay-phep.pdf"');
  expect([oversized.status, oversized.body.maxBytes]).toEqual([413, 5 * MB]);
  const hostileNames = ['filename="../../etc/passwd.pdf"', 'filename="..\\\\..\\\\boot.pdf"', `filename="${'a'.repeat(496)}.pdf"`, 'filename="bao\u0007cao.pdf"'];
  for (const disposition of hostileNames) {
    const refused = await uploadRaw(code, 'LEGAL_STATUS', pdf(), disposition);
    expect([disposition, refused.status, refused.headers['content-type']]).toEqual([disposition, 400, expect.stringMatching(/^application\/problem\+json/)]);
  }
  expect((await uploadRaw(code, 'LEGAL_STATUS', Buffer.alloc(0), 'filename="rong.pdf"')).status).toBe(400);
  const cut = await startHalfUpload(code, 'INVESTMENT_REPORT', 4 * MB, 2 * MB);
  cut.destroy();
  await waitFor(async () => (await objectKeys(store, 'uploads/')).length === 0, 'the cut-off upload to be removed');

  // Not complete yet: the request names the financial plan; its upload, retried with one key, is one version.
  const dossier = (await client().get(`/api/dossiers/${code}`).set(await as('intake'))).body as { version: number };
  const premature = await client().post(`/api/dossiers/${code}/completeness`).set(await as('intake')).send({ complete: true, expectedVersion: dossier.version });
  expect([premature.status, premature.body.reason, premature.body.items.map((i: { code: string }) => i.code)]).toEqual([422, 'ChecklistIncomplete', ['FINANCIAL_PLAN']]);
  const incomplete = await client().post(`/api/dossiers/${code}/completeness`).set(await as('intake')).send({ complete: false, expectedVersion: dossier.version });
  expect(incomplete.body).toMatchObject({ stage: 'SUPPLEMENT_REQUESTED', missingItems: [{ code: 'FINANCIAL_PLAN', kind: 'missing' }] });
  const plan = pdf();
  const first = await uploadRaw(code, 'FINANCIAL_PLAN', plan, 'filename="phuong-an-tai-chinh.pdf"', { 'Idempotency-Key': `plan-${code}` });
  const retried = await uploadRaw(code, 'FINANCIAL_PLAN', plan, 'filename="phuong-an-tai-chinh.pdf"', { 'Idempotency-Key': `plan-${code}` });
  keep(first);
  expect([retried.status, retried.headers['idempotent-replayed'], retried.body.id]).toEqual([201, 'true', first.body.id]);

  // The API process is killed during an upload, then started again; the client retries with its key.
  const killed = await startHalfUpload(code, 'INVESTMENT_REPORT', 4 * MB, 2 * MB);
  (api as ServiceProcess).child.kill('SIGKILL');
  await (api as ServiceProcess).exited;
  killed.destroy();
  await startApi();
  expect(await objectKeys(store, 'uploads/')).toHaveLength(1);
  const report = pdf(3 * MB);
  keep(await uploadRaw(code, 'INVESTMENT_REPORT', report, 'filename="bao-cao-dau-tu.pdf"', { 'Idempotency-Key': `killed-${code}` }));

  // The supplement is recorded with the versions that came since the request; then the dossier is complete.
  const supplied = await client().post(`/api/dossiers/${code}/supplements`).set(await as('intake')).send({});
  expect(supplied.status).toBe(200);
  const receipt = (supplied.body.timeline as { action: string; newValue: { versions: { versionId: string }[] } }[]).find((e) => e.action === 'dossier.supplement-received');
  expect(receipt?.newValue.versions.map((v) => v.versionId)).toEqual(acknowledged.slice(-2).map((v) => v.id));
  const complete = await client().post(`/api/dossiers/${code}/completeness`).set(await as('intake')).send({ complete: true, expectedVersion: supplied.body.version });
  expect([complete.status, complete.body.stage]).toEqual([200, 'DEPARTMENT_OPINIONS']);
  await waitForStage(stack, code, 'DEPARTMENT_OPINIONS');
  // Now the opinion tasks say who is consulted; the dossier the departments read is frozen.
  expect((await download(letter.contentUrl, 'reviewer.dof')).status).toBe(200);
  reads += 1;
  expect((await download(letter.contentUrl, 'reviewer.doit')).status).toBe(403);
  expect((await uploadRaw(code, 'LEGAL_STATUS', pdf(), 'filename="muon.pdf"')).status).toBe(409);

  // The killed upload's partial file is the sweep's, once old enough.
  expect(await sweepOrphans(stack.prisma, store, new Date(Date.now() + ORPHAN_AGE_MS + 1000))).toHaveLength(1);

  // Counted: exactly what was acknowledged.
  const versions = await stack.prisma.documentVersion.findMany({ where: { document: { dossier: { code } } } });
  expect(versions.map((v) => v.id).sort()).toEqual(acknowledged.map((v) => v.id).sort());
  const uploadedRows = await stack.prisma.auditEvent.findMany({ where: { dossierCode: code, action: 'document.uploaded' } });
  expect(uploadedRows.map((r) => r.entityId).sort()).toEqual(acknowledged.map((v) => v.id).sort());
  expect(await objectKeys(store, 'blobs/')).toEqual([...new Set(acknowledged.map((v) => blobKey(v.sha256)))].sort());
  expect(await objectKeys(store, 'uploads/')).toEqual([]);
  expect(await stack.prisma.auditEvent.count({ where: { dossierCode: code, action: 'document.downloaded' } })).toBe(reads);
});
