/**
 * Every demo account against every staff endpoint: the exact status each role gets, plus 401
 * without a token. A route that lost its requireRole (or gained a wrong one) fails here.
 */
import request from 'supertest';
import { DEMO_ACCOUNTS } from '../../../db/seed/demo-accounts';
import type { Role } from '../../../generated/prisma/client';
import { bearer, tokenFor } from '../../support/auth';
import { createTestStack, type TestStack } from '../../support/stack';
import { pdf } from '../documents/support';
import { insertDossier, insertTask } from './fixtures';

interface Endpoint {
  name: string;
  call: (stack: TestStack) => request.Test;
  /** Roles allowed; null = every staff role. */
  allowed: Role[] | null;
  okStatus: number;
  /** A reviewer passes only for a department consulted on the dossier; the others get 403 NotConsulted. */
  reviewersOf?: string[];
}

describe('authorisation matrix', () => {
  let stack: TestStack;
  let code: string;
  let submissions = 0;
  let userCount = 0;
  let targetUserId: string;
  let contentUrl: string;
  let uploads = 0;

  const endpoints: Endpoint[] = [
    { name: 'GET /api/auth/me', call: (s) => request(s.app).get('/api/auth/me'), allowed: null, okStatus: 200 },
    { name: 'GET /api/dossiers', call: (s) => request(s.app).get('/api/dossiers'), allowed: null, okStatus: 200 },
    { name: 'GET /api/dossiers/:code', call: (s) => request(s.app).get(`/api/dossiers/${code}`), allowed: null, okStatus: 200 },
    { name: 'GET /api/tasks', call: (s) => request(s.app).get('/api/tasks'), allowed: null, okStatus: 200 },
    { name: 'GET /api/catalogue/clusters', call: (s) => request(s.app).get('/api/catalogue/clusters'), allowed: null, okStatus: 200 },
    { name: 'GET /api/dashboard', call: (s) => request(s.app).get('/api/dashboard'), allowed: ['MANAGER', 'ADMIN'], okStatus: 200 },
    {
      name: 'GET /api/audit/export.csv',
      call: (s) => request(s.app).get(`/api/audit/export.csv?dossier=${code}`),
      allowed: ['ADMIN', 'MANAGER'],
      okStatus: 200,
    },
    {
      name: 'POST /api/dossiers',
      call: (s) => {
        submissions += 1;
        return request(s.app)
          .post('/api/dossiers')
          .send({
            clusterCode: 'TTH-CA-NHIP',
            projectTitle: `Hạ tầng CCN Cà Nhíp ${submissions}`,
            applicant: { name: 'Công ty Cà Nhíp', taxCode: `110555${String(submissions).padStart(4, '0')}`, email: 'canhip@example.vn' },
          });
      },
      allowed: ['INTAKE_OFFICER'],
      okStatus: 201,
    },
    {
      name: 'POST /api/dossiers/:code/documents',
      call: (s) => {
        uploads += 1;
        return request(s.app).post(`/api/dossiers/${code}/documents`).field('item', 'FINANCIAL_PLAN').attach('file', pdf(), `phuong-an-${uploads}.pdf`);
      },
      allowed: ['INTAKE_OFFICER'],
      okStatus: 201,
    },
    { name: 'GET /api/dossiers/:code/documents', call: (s) => request(s.app).get(`/api/dossiers/${code}/documents`), allowed: null, okStatus: 200, reviewersOf: ['DOF'] },
    { name: 'GET /api/dossiers/:code/documents/:id/content', call: (s) => request(s.app).get(contentUrl), allowed: null, okStatus: 200, reviewersOf: ['DOF'] },
    { name: 'GET /api/calendar/days', call: (s) => request(s.app).get('/api/calendar/days?from=2030-06-01&to=2030-06-30'), allowed: null, okStatus: 200 },
    // PUT runs before DELETE for each account, so the administrator's DELETE finds the override to remove.
    {
      name: 'PUT /api/calendar/days/:date',
      call: (s) => request(s.app).put('/api/calendar/days/2030-06-03').send({ working: false, reason: 'Nghỉ thử nghiệm ma trận quyền' }),
      allowed: ['ADMIN'],
      okStatus: 200,
    },
    { name: 'DELETE /api/calendar/days/:date', call: (s) => request(s.app).delete('/api/calendar/days/2030-06-03'), allowed: ['ADMIN'], okStatus: 200 },
    { name: 'GET /api/users', call: (s) => request(s.app).get('/api/users'), allowed: ['ADMIN'], okStatus: 200 },
    {
      name: 'POST /api/users',
      call: (s) => {
        userCount += 1;
        return request(s.app)
          .post('/api/users')
          .send({ username: `matrix.user${userCount}`, fullName: 'Người thử', email: 'matrix@example.vn', password: 'a-long-password', roles: ['MANAGER'] });
      },
      allowed: ['ADMIN'],
      okStatus: 201,
    },
    {
      name: 'PATCH /api/users/:id',
      call: (s) => request(s.app).patch(`/api/users/${targetUserId}`).send({ fullName: `Người thử ${Date.now()}` }),
      allowed: ['ADMIN'],
      okStatus: 200,
    },
  ];

  beforeAll(async () => {
    stack = await createTestStack('authz');
    await stack.startWorker();
    const dossier = await insertDossier(stack.prisma);
    code = dossier.code;
    // DOF is consulted on it: its reviewer reads the documents, the other departments' do not.
    await insertTask(stack.prisma, { dossierId: dossier.id, kind: 'DEPARTMENT_OPINION', departmentCode: 'DOF' });
    const letter = await request(stack.app).post(`/api/dossiers/${code}/documents`).set(bearer(await tokenFor(stack, 'intake'))).field('item', 'APPLICATION_LETTER').attach('file', pdf(), 'don.pdf');
    contentUrl = letter.body.contentUrl as string;
    targetUserId = (await stack.prisma.user.findUniqueOrThrow({ where: { username: 'reviewer.dard' } })).id;
  });
  afterAll(() => stack.close());

  it.each(endpoints.map((e) => [e.name, e] as const))('%s answers 401 without a token', async (_name, endpoint) => {
    const response = await endpoint.call(stack).expect(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it.each(DEMO_ACCOUNTS.map((a) => [a.username, a] as const))('%s gets exactly its roles’ access', async (username, account) => {
    const auth = bearer(await tokenFor(stack, username));
    const seen: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const endpoint of endpoints) {
      const byRole = endpoint.allowed === null || account.roles.some((role) => endpoint.allowed?.includes(role));
      const readsAll = account.roles.some((role) => role !== 'REVIEWER');
      const notConsulted = endpoint.reviewersOf !== undefined && !readsAll && !endpoint.reviewersOf.includes(account.departmentCode ?? '');
      expected[endpoint.name] = byRole && !notConsulted ? endpoint.okStatus : 403;
      const response = await endpoint.call(stack).set(auth);
      seen[endpoint.name] = response.status;
      if (response.status === 403 && notConsulted) {
        expect(response.body.reason).toBe('NotConsulted');
      } else if (response.status === 403) {
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body.requiredRoles).toEqual(endpoint.allowed);
      }
    }
    expect(seen).toEqual(expected);
  });

  it('keeps the public lookup open to everyone, signed in or not', async () => {
    await request(stack.app).get(`/api/public/dossiers/${code}`).expect(200);
    await request(stack.app)
      .get(`/api/public/dossiers/${code}`)
      .set(bearer(await tokenFor(stack, 'reviewer.doc')))
      .expect(200);
  });

  it('names the roles a refused request needs, in Vietnamese', async () => {
    const response = await request(stack.app)
      .get('/api/dashboard')
      .set(bearer(await tokenFor(stack, 'intake')))
      .expect(403);
    expect(response.body.detail).toMatch(/lãnh đạo \(MANAGER\) hoặc quản trị viên \(ADMIN\)/);
  });

  it('documents every staff endpoint in OpenAPI with bearer auth and its 401/403 problems; public ones without', async () => {
    const doc = (await request(stack.app).get('/api/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
    };
    const staff: [string, string][] = [
      ['/api/auth/me', 'get'],
      ['/api/dossiers', 'get'],
      ['/api/dossiers', 'post'],
      ['/api/dossiers/{code}', 'get'],
      ['/api/tasks', 'get'],
      ['/api/dashboard', 'get'],
      ['/api/audit/export.csv', 'get'],
      ['/api/users', 'get'],
      ['/api/users', 'post'],
      ['/api/users/{id}', 'patch'],
      ['/api/dossiers/{code}/documents', 'post'],
      ['/api/dossiers/{code}/documents', 'get'],
      ['/api/dossiers/{code}/documents/{versionId}/content', 'get'],
    ];
    for (const [path, method] of staff) {
      const operation = doc.paths[path]?.[method];
      expect([path, method, operation?.security]).toEqual([path, method, [{ bearerAuth: [] }]]);
      expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['401', '403']));
    }
    for (const [path, method] of [['/api/auth/login', 'post'], ['/api/public/dossiers/{code}', 'get']] as const) {
      const operation = doc.paths[path]?.[method];
      expect(operation?.security).toBeUndefined();
      expect(Object.keys(operation?.responses ?? {})).toContain('429');
    }
  });
});
