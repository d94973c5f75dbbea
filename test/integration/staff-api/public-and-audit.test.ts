import request from 'supertest';
import { createApp } from '../../../api/app';
import { csvField, csvRow } from '../../../api/audit/csv';
import { bearer, tokenFor } from '../../support/auth';
import { createTestStack, type TestStack } from '../../support/stack';
import { insertDossier, insertTask, randomDossierCode } from './fixtures';

/** A small RFC 4180 reader, independent of the writer under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  if (field !== '' || row.length) throw new Error(`CSV does not end with CRLF: ${JSON.stringify(text.slice(-40))}`);
  return rows;
}

describe('public lookup and audit export', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await createTestStack('public');
  });
  afterAll(() => stack.close());

  describe('GET /api/public/dossiers/:code', () => {
    it('shows exactly code, cluster name, stage, status and the nearest open deadline — nothing personal', async () => {
      const dossier = await insertDossier(stack.prisma, {
        clusterCode: 'TTR-TAN-BINH-1',
        stage: 'DEPARTMENT_OPINIONS',
        applicantName: 'Công ty Bí Mật',
        applicantEmail: 'private@example.vn',
        projectTitle: 'Dự án riêng tư',
      });
      await insertTask(stack.prisma, { dossierId: dossier.id, departmentCode: 'DOC', dueOn: '2026-12-15' });
      await insertTask(stack.prisma, { dossierId: dossier.id, departmentCode: 'DOF', dueOn: '2026-12-10' });
      await insertTask(stack.prisma, { dossierId: dossier.id, departmentCode: 'POLICE', dueOn: '2026-12-01', status: 'DONE' });
      const response = await request(stack.app).get(`/api/public/dossiers/${dossier.code}`).expect(200);
      expect(response.body).toStrictEqual({
        code: dossier.code,
        cluster: 'CCN Tân Bình 1',
        stage: 'DEPARTMENT_OPINIONS',
        status: 'ACTIVE',
        expectedDate: '2026-12-10',
      });
      expect(JSON.stringify(response.body)).not.toMatch(/Bí Mật|private@|riêng tư|taxCode/);
    });

    it('gives expectedDate null when no deadline is open', async () => {
      const dossier = await insertDossier(stack.prisma, { stage: 'CLOSED', status: 'APPROVED' });
      const response = await request(stack.app).get(`/api/public/dossiers/${dossier.code}`).expect(200);
      expect(response.body).toStrictEqual({ code: dossier.code, cluster: 'CCN Lộc Giang 1', stage: 'CLOSED', status: 'APPROVED', expectedDate: null });
    });

    it('answers a malformed code with 400 and an unknown one with 404, as problem documents', async () => {
      const bad = await request(stack.app).get('/api/public/dossiers/not-a-code').expect(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(bad.body.errors[0].field).toBe('params.code');
      const unknown = await request(stack.app).get(`/api/public/dossiers/${randomDossierCode()}`).expect(404);
      expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('allows 30 look-ups a minute per address, then answers 429 problems', async () => {
      const app = createApp(stack.deps);
      const code = randomDossierCode();
      for (let i = 0; i < 30; i += 1) await request(app).get(`/api/public/dossiers/${code}`).expect(404);
      const limited = await request(app).get(`/api/public/dossiers/${code}`).expect(429);
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(limited.body).toMatchObject({ status: 429 });
      // Staff routes are not limited by it.
      await request(app).get('/api/health').expect((r) => expect(r.status).not.toBe(429));
    });
  });

  describe('GET /api/audit/export.csv', () => {
    const tricky = 'Ý kiến "có điều kiện", dòng 1\ndòng 2';

    it('exports one dossier’s trail as escaped CSV with a header row', async () => {
      const code = randomDossierCode();
      const other = randomDossierCode();
      await stack.prisma.auditEvent.create({
        data: { actor: 'reviewer.doc', action: 'opinion.given', entityType: 'Dossier', entityId: 'x', dossierCode: code, newValue: { text: tricky } },
      });
      await stack.prisma.auditEvent.create({
        data: { actor: '=HYPERLINK("http://evil")', action: 'dossier.filed', entityType: 'Dossier', entityId: 'y', dossierCode: code, oldValue: { a: 1 } },
      });
      await stack.prisma.auditEvent.create({ data: { actor: 'x', action: 'other', entityType: 'Dossier', entityId: 'z', dossierCode: other } });

      const response = await request(stack.app)
        .get(`/api/audit/export.csv?dossier=${code}`)
        .set(bearer(await tokenFor(stack, 'admin')))
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => done(null, text));
        })
        .expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="?audit-${code}\\.csv"?$`));
      const text = response.body as string;
      expect(text.startsWith('\uFEFF')).toBe(true);
      const rows = parseCsv(text.slice(1));
      expect(rows[0]).toEqual(['id', 'occurredAt', 'actor', 'action', 'entityType', 'entityId', 'dossierCode', 'oldValue', 'newValue']);
      expect(rows).toHaveLength(3);
      expect(rows[1]?.slice(2, 7)).toEqual(['reviewer.doc', 'opinion.given', 'Dossier', 'x', code]);
      expect(JSON.parse(rows[1]?.[8] as string)).toEqual({ text: tricky });
      expect(rows[1]?.[7]).toBe('');
      // A formula-like value is defused for spreadsheets.
      expect(rows[2]?.[2]).toBe(`'=HYPERLINK("http://evil")`);
      expect(new Date(rows[2]?.[1] as string).toISOString()).toBe(rows[2]?.[1]);
    });

    it('exports a period by Vietnam dates, inclusive', async () => {
      const code = randomDossierCode();
      const at = (iso: string) => new Date(iso);
      for (const [when, action] of [
        ['2025-03-31T16:59:59.000Z', 'before'], // 23:59:59 on 31/3 in Vietnam
        ['2025-03-31T17:00:00.000Z', 'first'], // 00:00 on 1/4 in Vietnam
        ['2025-04-02T16:59:59.000Z', 'last'], // 23:59:59 on 2/4
        ['2025-04-02T17:00:00.000Z', 'after'],
      ] as const) {
        await stack.prisma.auditEvent.create({ data: { actor: 't', action, entityType: 'Dossier', entityId: 'p', dossierCode: code, occurredAt: at(when) } });
      }
      const response = await request(stack.app)
        .get('/api/audit/export.csv?from=2025-04-01&to=2025-04-02')
        .set(bearer(await tokenFor(stack, 'manager')))
        .expect(200);
      const rows = parseCsv(response.text.replace(/^\uFEFF/, ''));
      expect(rows.slice(1).map((r) => r[3])).toEqual(['first', 'last']);
    });

    it.each([
      ['', 'query'],
      ['?dossier=CCN-AAAAA-AAAAA&from=2026-01-01&to=2026-01-02', 'query'],
      ['?dossier=bad', 'query.dossier'],
      ['?from=2026-01-01', 'query.to'],
      ['?from=2026-02-01&to=2026-01-01', 'query.to'],
      ['?from=2024-01-01&to=2025-12-31', 'query.to'],
      ['?from=2026-01-32&to=2026-02-01', 'query.from'],
    ])('answers %s with a 400 problem naming %s', async (query, field) => {
      const response = await request(stack.app)
        .get(`/api/audit/export.csv${query}`)
        .set(bearer(await tokenFor(stack, 'admin')))
        .expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('escapes fields by RFC 4180', () => {
      expect(csvField('plain')).toBe('plain');
      expect(csvField('a,b')).toBe('"a,b"');
      expect(csvField('say "hi"')).toBe('"say ""hi"""');
      expect(csvField('line\r\nbreak')).toBe('"line\r\nbreak"');
      expect(csvField(null)).toBe('');
      expect(csvField({ k: 'v,w' })).toBe('"{""k"":""v,w""}"');
      expect(csvField('-1+1')).toBe(`'-1+1`);
      expect(csvRow(['a', 'b'])).toBe('a,b\r\n');
    });
  });
});
