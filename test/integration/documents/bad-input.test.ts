/** Hostile and broken uploads: each refused with a clear problem, and none leaves a version or an object behind. */
import request from 'supertest';
import { bearer, tokenFor } from '../../support/auth';
import { createTestStack, type TestStack } from '../../support/stack';
import { appWithStore, insertDossier, MB, objectKeys, pdf, rawMultipart, upload } from './support';
import { startFolderStore, type TestStore } from './stores';

let stack: TestStack;
let t: TestStore;
beforeAll(async () => {
  stack = await createTestStack('documents-bad-input');
  t = startFolderStore();
});
afterAll(async () => {
  await t?.close();
  await stack?.close();
});

const versionsOf = (dossierId: string) => stack.prisma.documentVersion.count({ where: { document: { dossierId } } });

async function expectNothingStored(dossierId: string) {
  expect(await versionsOf(dossierId)).toBe(0);
  expect(await objectKeys(t.store, 'uploads/')).toEqual([]);
}

test('a renamed executable is refused as 415, naming the item and its accepted types', async () => {
  const app = appWithStore(stack, t.store);
  const dossier = await insertDossier(stack.prisma);
  const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(100_000, 7)]);
  const response = await upload(stack, app, dossier.code, 'APPLICATION_LETTER', exe, 'don-de-nghi.pdf');
  expect(response.status).toBe(415);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.body).toMatchObject({ item: 'APPLICATION_LETTER', acceptedTypes: ['application/pdf'], detectedType: null });
  expect(response.body.detail).toContain('APPLICATION_LETTER');
  expect(response.body.detail).toContain('PDF');
  await expectNothingStored(dossier.id);
});

test('a real PNG for an item that takes only PDF is refused too', async () => {
  const app = appWithStore(stack, t.store);
  const dossier = await insertDossier(stack.prisma);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500)]);
  const response = await upload(stack, app, dossier.code, 'APPLICATION_LETTER', png, 'don.png');
  expect(response.status).toBe(415);
  expect(response.body.detectedType).toBe('image/png');
  await expectNothingStored(dossier.id);
});

test('over the per-file limit: 413 naming the limit; over what is left of the dossier budget: 413 naming the budget', async () => {
  const app = appWithStore(stack, t.store, { maxFileBytes: 1 * MB, maxDossierBytes: 3 * MB });
  const dossier = await insertDossier(stack.prisma);
  const big = await upload(stack, app, dossier.code, 'FINANCIAL_PLAN', pdf(1 * MB + 1));
  expect(big.status).toBe(413);
  expect(big.body).toMatchObject({ item: 'FINANCIAL_PLAN', maxBytes: 1 * MB });
  await expectNothingStored(dossier.id);

  for (const item of ['FINANCIAL_PLAN', 'INFRASTRUCTURE_PLAN', 'ENVIRONMENTAL_PLAN']) {
    expect((await upload(stack, app, dossier.code, item, pdf(1 * MB - 100))).status).toBe(201);
  }
  const overBudget = await upload(stack, app, dossier.code, 'INVESTMENT_REPORT', pdf(1000));
  expect(overBudget.status).toBe(413);
  expect(overBudget.body.detail).toContain('3 MB');
  expect(await versionsOf(dossier.id)).toBe(3);
});

test('an empty file: 400', async () => {
  const app = appWithStore(stack, t.store);
  const dossier = await insertDossier(stack.prisma);
  const response = await upload(stack, app, dossier.code, 'APPLICATION_LETTER', Buffer.alloc(0), 'a.pdf');
  expect(response.status).toBe(400);
  expect(response.body.detail).toContain('rỗng');
  await expectNothingStored(dossier.id);
});

test.each([
  ['a path in the name', 'filename="../../etc/passwd.pdf"', 'dấu /'],
  ['a Windows path', 'filename="C:\\temp\\a.pdf"', 'dấu /'],
  ['an encoded path', "filename*=UTF-8''..%2F..%2Fa.pdf", 'dấu /'],
  ['an encoded control character', "filename*=UTF-8''bao%07cao.pdf", 'ký tự điều khiển'],
  ['a raw control character', 'filename="bao\u0007cao.pdf"', 'ký tự điều khiển'],
  ['a 500-character name', `filename="${'a'.repeat(496)}.pdf"`, 'tối đa 255'],
])('%s: 400 with the reason', async (_name, disposition, reason) => {
  const app = appWithStore(stack, t.store);
  const dossier = await insertDossier(stack.prisma);
  const { body, contentType } = rawMultipart('APPLICATION_LETTER', pdf(), disposition);
  const response = await request(app)
    .post(`/api/dossiers/${dossier.code}/documents`)
    .set(bearer(await tokenFor(stack, 'intake')))
    .set('Content-Type', contentType)
    .send(body);
  expect(response.status).toBe(400);
  expect(response.body.detail).toContain(reason);
  await expectNothingStored(dossier.id);
});

test('an unknown item is 422 listing the items; a file before its item, no file, or JSON are 400', async () => {
  const app = appWithStore(stack, t.store);
  const dossier = await insertDossier(stack.prisma);
  const token = bearer(await tokenFor(stack, 'intake'));
  const url = `/api/dossiers/${dossier.code}/documents`;

  const unknown = await upload(stack, app, dossier.code, 'SETUP_EXE', pdf());
  expect(unknown.status).toBe(422);
  expect(unknown.body.items).toContain('FINANCIAL_PLAN');

  const fileFirst = await request(app).post(url).set(token).attach('file', pdf(), 'a.pdf').field('item', 'APPLICATION_LETTER');
  expect(fileFirst.status).toBe(400);
  expect(fileFirst.body.detail).toContain('TRƯỚC');

  const noFile = await request(app).post(url).set(token).field('item', 'APPLICATION_LETTER');
  expect(noFile.status).toBe(400);
  expect(noFile.body.detail).toContain('Thiếu tệp');

  const json = await request(app).post(url).set(token).send({ item: 'APPLICATION_LETTER' });
  expect(json.status).toBe(400);
  expect(json.body.detail).toContain('multipart/form-data');
  await expectNothingStored(dossier.id);
});

test('uploads are taken while the dossier is compiled, checked or supplemented; not once the departments read it, nor after it closed', async () => {
  const app = appWithStore(stack, t.store);
  const supplement = await insertDossier(stack.prisma, 'SUPPLEMENT_REQUESTED', 'ON_HOLD');
  expect((await upload(stack, app, supplement.code, 'LEGAL_STATUS', pdf())).status).toBe(201);

  const opinions = await insertDossier(stack.prisma, 'DEPARTMENT_OPINIONS');
  const late = await upload(stack, app, opinions.code, 'LEGAL_STATUS', pdf());
  expect(late.status).toBe(409);
  expect(late.body.uploadStages).toContain('SUPPLEMENT_REQUESTED');
  const withdrawn = await insertDossier(stack.prisma, 'COMPLETENESS_CHECK', 'WITHDRAWN');
  expect((await upload(stack, app, withdrawn.code, 'LEGAL_STATUS', pdf())).status).toBe(409);
  expect((await upload(stack, app, 'CCN-00000-00000', 'LEGAL_STATUS', pdf())).status).toBe(404);
});

test('a retried upload with the same Idempotency-Key stores one version and answers the same', async () => {
  const app = appWithStore(stack, t.store);
  const dossier = await insertDossier(stack.prisma);
  const file = pdf();
  const first = await upload(stack, app, dossier.code, 'LEGAL_STATUS', file, 'a.pdf', { 'Idempotency-Key': 'upload-1' });
  const retry = await upload(stack, app, dossier.code, 'LEGAL_STATUS', file, 'a.pdf', { 'Idempotency-Key': 'upload-1' });
  expect(first.status).toBe(201);
  expect(retry.status).toBe(201);
  expect(retry.headers['idempotent-replayed']).toBe('true');
  expect(retry.body).toEqual(first.body);
  expect(await versionsOf(dossier.id)).toBe(1);
  // Another officer's identical key is theirs alone.
  const other = await upload(stack, app, dossier.code, 'LEGAL_STATUS', file, 'a.pdf', { 'Idempotency-Key': 'upload-2' });
  expect(other.body.version).toBe(2);
});

test('NFC and NFD forms of a Vietnamese name are stored as one NFC name and come back intact in Content-Disposition', async () => {
  const app = appWithStore(stack, t.store);
  const dossier = await insertDossier(stack.prisma);
  const nfc = 'Báo cáo tài chính 2025.pdf'.normalize('NFC');
  for (const form of [nfc, nfc.normalize('NFD')]) {
    const up = await upload(stack, app, dossier.code, 'AUDITED_STATEMENTS', pdf(), form);
    expect(up.status).toBe(201);
    expect(up.body.fileName).toBe(nfc);
    const down = await request(app).get(up.body.contentUrl).set(bearer(await tokenFor(stack, 'intake')));
    const disposition = down.headers['content-disposition'] as string;
    const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe(nfc);
  }
});
