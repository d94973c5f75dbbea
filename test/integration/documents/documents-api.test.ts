/** Upload, versions, checklist status, reading rights, download with Range and audit, on both real stores. */
import { createHash } from 'node:crypto';
import request from 'supertest';
import { bearer, tokenFor } from '../../support/auth';
import { createTestStack, type TestStack } from '../../support/stack';
import { insertTask } from '../staff-api/fixtures';
import { appWithStore, download, insertDossier, pdf, upload } from './support';
import { startFolderStore, startS3rverStore, type TestStore } from './stores';

let stack: TestStack;
beforeAll(async () => {
  stack = await createTestStack('documents-api');
});
afterAll(async () => stack?.close());

describe.each([
  ['folder', async () => startFolderStore()],
  ['S3 (s3rver)', startS3rverStore],
])('documents on the %s store', (_name, start: () => Promise<TestStore>) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await start();
  });
  afterAll(async () => t.close());

  test('each upload is a new version; the list shows both, the checklist status, and each version downloads intact', async () => {
    const app = appWithStore(stack, t.store);
    const dossier = await insertDossier(stack.prisma);
    const first = pdf(4096);
    const second = pdf(10 * 1024 * 1024); // larger than the verify-before-sending size: streamed and checked on the way

    const one = await upload(stack, app, dossier.code, 'FINANCIAL_PLAN', first, 'phuong-an.pdf');
    expect(one.status).toBe(201);
    expect(one.body).toMatchObject({ item: 'FINANCIAL_PLAN', version: 1, contentType: 'application/pdf', sizeBytes: 4096, uploadedBy: 'intake' });
    expect(one.body.sha256).toBe(createHash('sha256').update(first).digest('hex'));
    const two = await upload(stack, app, dossier.code, 'FINANCIAL_PLAN', second, 'phuong-an-v2.pdf');
    expect(two.status).toBe(201);
    expect(two.body.version).toBe(2);

    const list = await request(app).get(`/api/dossiers/${dossier.code}/documents`).set(bearer(await tokenFor(stack, 'appraiser')));
    expect(list.status).toBe(200);
    const plan = list.body.items.find((i: { code: string }) => i.code === 'FINANCIAL_PLAN');
    expect(plan).toMatchObject({ state: 'present', version: 2 });
    expect(plan.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(list.body.complete).toBe(false);
    expect(list.body.problems.map((p: { code: string }) => p.code)).toContain('APPLICATION_LETTER');
    expect(list.body.problems.map((p: { code: string }) => p.code)).not.toContain('FINANCIAL_PLAN');

    const old = await download(stack, app, one.body.contentUrl, 'member.doc');
    expect(old.status).toBe(200);
    expect(old.headers['content-type']).toBe('application/pdf');
    expect((old.body as Buffer).equals(first)).toBe(true);
    const latest = await download(stack, app, two.body.contentUrl, 'chair');
    expect(latest.status).toBe(200);
    expect((latest.body as Buffer).equals(second)).toBe(true);

    const part = await download(stack, app, two.body.contentUrl, 'manager', { Range: 'bytes=1000-1999' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 1000-1999/${second.length}`);
    expect((part.body as Buffer).equals(second.subarray(1000, 2000))).toBe(true);
    const past = await download(stack, app, one.body.contentUrl, 'manager', { Range: 'bytes=999999-' });
    expect(past.status).toBe(416);

    const reads = await stack.prisma.auditEvent.findMany({ where: { dossierCode: dossier.code, action: 'document.downloaded' }, orderBy: { id: 'asc' } });
    expect(reads.map((r) => [r.actor, r.entityId])).toEqual([
      ['member.doc', one.body.id],
      ['chair', two.body.id],
      ['manager', two.body.id],
    ]);
    expect(await stack.prisma.auditEvent.count({ where: { dossierCode: dossier.code, action: 'document.uploaded' } })).toBe(2);
  });
});

describe('who may read', () => {
  let t: TestStore;
  beforeAll(() => {
    t = startFolderStore();
  });
  afterAll(async () => t.close());

  test('a reviewer of a consulted department reads; one of another department, a signed-out caller and the public lookup do not', async () => {
    const app = appWithStore(stack, t.store);
    const dossier = await insertDossier(stack.prisma);
    await insertTask(stack.prisma, { dossierId: dossier.id, kind: 'DEPARTMENT_OPINION', departmentCode: 'DOF' });
    const up = await upload(stack, app, dossier.code, 'APPLICATION_LETTER', pdf());
    expect(up.status).toBe(201);

    expect((await download(stack, app, up.body.contentUrl, 'reviewer.dof')).status).toBe(200);
    const other = await download(stack, app, up.body.contentUrl, 'reviewer.doc');
    expect(other.status).toBe(403);
    expect(JSON.parse(other.text ?? (other.body as Buffer).toString()).detail).toContain('không được hỏi ý kiến');
    const list = await request(app).get(`/api/dossiers/${dossier.code}/documents`).set(bearer(await tokenFor(stack, 'reviewer.doc')));
    expect(list.status).toBe(403);
    expect((await request(app).get(up.body.contentUrl)).status).toBe(401);
    const lookup = await request(app).get(`/api/public/dossiers/${dossier.code}`);
    expect(JSON.stringify(lookup.body)).not.toContain(up.body.id);

    const reads = await stack.prisma.auditEvent.findMany({ where: { dossierCode: dossier.code, action: 'document.downloaded' } });
    expect(reads.map((r) => r.actor)).toEqual(['reviewer.dof']);
  });

  test('only the intake officer uploads', async () => {
    const app = appWithStore(stack, t.store);
    const dossier = await insertDossier(stack.prisma);
    const response = await request(app)
      .post(`/api/dossiers/${dossier.code}/documents`)
      .set(bearer(await tokenFor(stack, 'appraiser')))
      .field('item', 'APPLICATION_LETTER')
      .attach('file', pdf(), 'a.pdf');
    expect(response.status).toBe(403);
    expect(await stack.prisma.documentVersion.count({ where: { document: { dossierId: dossier.id } } })).toBe(0);
  });
});
