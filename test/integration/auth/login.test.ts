import { execFile } from 'node:child_process';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { createApp } from '../../../api/app';
import { DEMO_ACCOUNTS, DEMO_USERNAMES, seedDemoAccounts } from '../../../db/seed/demo-accounts';
import { projectRoot } from '../../../infra/paths';
import { findFreePort, waitForPort } from '../../../infra/ports';
import { startServiceProcess } from '../../../infra/service-process';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../../api/auth/tokens';
import { bearer, TEST_DEMO_PASSWORD, tokenFor } from '../../support/auth';
import { createTestStack, type TestStack } from '../../support/stack';

const login = (stack: TestStack, body: unknown) => request(stack.app).post('/api/auth/login').send(body as object);

describe('accounts, login and tokens', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await createTestStack('auth');
  });
  afterAll(() => stack.close());

  it('seeds one demo account per role, a reviewer per department and the standing council', async () => {
    const users = await stack.prisma.user.findMany({
      include: { roles: true, department: true, councilSeats: true },
      orderBy: { username: 'asc' },
    });
    const byName = new Map(users.map((u) => [u.username, u]));
    expect([...byName.keys()].sort()).toEqual([...DEMO_USERNAMES].sort());
    const departments = await stack.prisma.department.findMany();
    for (const d of departments) {
      const reviewer = byName.get(`reviewer.${d.code.toLowerCase()}`);
      expect(reviewer?.roles.map((r) => r.role)).toEqual(['REVIEWER']);
      expect(reviewer?.department?.code).toBe(d.code);
    }
    expect(byName.get('intake')?.department?.code).toBe('DOF');
    expect(byName.get('appraiser')?.department?.code).toBe('DOIT');
    const seats = Object.fromEntries(users.flatMap((u) => u.councilSeats.map((s) => [u.username, [s.councilRole, s.roundId]])));
    expect(seats).toEqual({
      chair: ['CHAIR', null],
      'vicechair.doit': ['VICE_CHAIR', null],
      'vicechair.dof': ['VICE_CHAIR', null],
      'member.doc': ['MEMBER', null],
      secretary: ['SECRETARY', null],
    });
    // Hashed once per run: every account carries the same argon2id hash, never the password itself.
    const hashes = new Set(users.map((u) => u.passwordHash));
    expect(hashes.size).toBe(1);
    expect([...hashes][0]).toMatch(/^\$argon2id\$/);
  });

  it('seeding again creates nothing and keeps an administrator’s edits; production is refused', async () => {
    await stack.prisma.user.update({ where: { username: 'manager' }, data: { fullName: 'Đã sửa' } });
    expect(await seedDemoAccounts(stack.prisma, 'other-password', 'test')).toEqual([]);
    expect((await stack.prisma.user.findUniqueOrThrow({ where: { username: 'manager' } })).fullName).toBe('Đã sửa');
    await expect(seedDemoAccounts(stack.prisma, 'x', 'production')).rejects.toThrow(/production/);
  });

  it('logs every demo account in with the demo password and describes it at /api/auth/me', async () => {
    for (const demo of DEMO_ACCOUNTS) {
      const token = await tokenFor(stack, demo.username);
      const me = await request(stack.app).get('/api/auth/me').set(bearer(token)).expect(200);
      expect(me.body).toMatchObject({
        username: demo.username,
        roles: demo.roles,
        departmentCode: demo.departmentCode,
        councilRole: demo.councilRole,
      });
    }
  });

  it('issues an HS256 token that expires after 8 hours', async () => {
    const response = await login(stack, { username: 'admin', password: TEST_DEMO_PASSWORD }).expect(200);
    expect(response.body.tokenType).toBe('Bearer');
    const decoded = jwt.decode(response.body.token, { complete: true }) as jwt.Jwt & { payload: jwt.JwtPayload };
    expect(decoded.header.alg).toBe('HS256');
    expect((decoded.payload.exp as number) - (decoded.payload.iat as number)).toBe(8 * 3600);
    expect(new Date(response.body.expiresAt).getTime()).toBe((decoded.payload.exp as number) * 1000);
  });

  it('refuses wrong passwords, unknown users and bad bodies with problem documents', async () => {
    const wrong = await login(stack, { username: 'admin', password: 'wrong' }).expect(401);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    const unknown = await login(stack, { username: 'nobody', password: 'demo' }).expect(401);
    expect(unknown.body.detail).toBe(wrong.body.detail);
    const bad = await login(stack, { username: '', extra: 1 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['', 'password', 'username']);
  });

  it('answers 401 for a missing, malformed, forged, expired or "none" token and for a deactivated account', async () => {
    const secret = stack.deps.config.JWT_SECRET;
    const admin = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'admin' } });
    const claims = { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE };
    const valid = jwt.sign({ username: 'admin' }, secret, { ...claims, subject: admin.id, expiresIn: 60 });
    await request(stack.app).get('/api/auth/me').set('Authorization', `Bearer ${valid}`).expect(200);
    const cases: [string, string | undefined][] = [
      ['missing', undefined],
      ['not bearer', 'Basic YWRtaW46ZGVtbw=='],
      ['garbage', 'Bearer abc.def.ghi'],
      ['other secret', `Bearer ${jwt.sign({ username: 'admin' }, 'another-secret-of-length', { ...claims, subject: admin.id, expiresIn: 60 })}`],
      ['expired', `Bearer ${jwt.sign({ username: 'admin', exp: Math.floor(Date.now() / 1000) - 10 }, secret, { ...claims, subject: admin.id })}`],
      ['alg none', `Bearer ${jwt.sign({ username: 'admin' }, '', { ...claims, algorithm: 'none', subject: admin.id })}x`],
      ['alg HS512', `Bearer ${jwt.sign({ username: 'admin' }, secret, { ...claims, algorithm: 'HS512', subject: admin.id, expiresIn: 60 })}`],
      ['other audience', `Bearer ${jwt.sign({ username: 'admin' }, secret, { issuer: TOKEN_ISSUER, audience: 'other', subject: admin.id, expiresIn: 60 })}`],
      ['unknown user', `Bearer ${jwt.sign({ username: 'ghost' }, secret, { ...claims, subject: '00000000-0000-4000-8000-000000000000', expiresIn: 60 })}`],
    ];
    for (const [label, header] of cases) {
      const call = request(stack.app).get('/api/auth/me');
      const response = await (header ? call.set('Authorization', header) : call);
      expect([label, response.status]).toEqual([label, 401]);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const expired = await request(stack.app)
      .get('/api/auth/me')
      .set('Authorization', (cases[4] as [string, string])[1]);
    expect(expired.body.detail).toMatch(/hết hạn/);

    const token = await tokenFor(stack, 'reviewer.dpi');
    await request(stack.app).get('/api/auth/me').set(bearer(token)).expect(200);
    await stack.prisma.user.update({ where: { username: 'reviewer.dpi' }, data: { active: false } });
    await request(stack.app).get('/api/auth/me').set(bearer(token)).expect(401);
    await login(stack, { username: 'reviewer.dpi', password: TEST_DEMO_PASSWORD }).expect(401);
  });

  it('rate-limits login per IP and username with a 429 problem document', async () => {
    // A fresh app: its rate-limit store has counted nothing yet.
    const app = createApp(stack.deps);
    const attempt = (body: object) => request(app).post('/api/auth/login').send(body);
    for (let i = 0; i < 10; i += 1) await attempt({ username: 'vicechair.dof', password: `wrong-${i}` }).expect(401);
    const limited = await attempt({ username: 'vicechair.dof', password: TEST_DEMO_PASSWORD }).expect(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429, title: expect.stringMatching(/Too Many Requests/) });
    expect(limited.headers['retry-after']).toBeDefined();
    // Another username from the same address is not blocked.
    await attempt({ username: 'vicechair.doit', password: TEST_DEMO_PASSWORD }).expect(200);
  });

  it('refuses to start the API in production while a demo account is active, and starts once none is', async () => {
    const env = {
      ...stack.childEnv,
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-some-length',
      PUBLIC_BASE_URL: 'https://ccn.example.gov.vn',
      PORT: String(await findFreePort()),
    };
    const mainFile = path.join(projectRoot(), 'api', 'main.ts');
    const run = (extra: Record<string, string | undefined>) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        execFile(process.execPath, ['--import', 'tsx', mainFile], { env: { ...process.env, ...env, ...extra }, timeout: 60_000 }, (error, _stdout, stderr) => {
          resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stderr });
        });
      });
    const defaultSecret = await run({ JWT_SECRET: undefined });
    expect(defaultSecret.code).toBe(1);
    expect(defaultSecret.stderr).toMatch(/JWT_SECRET/);
    const refused = await run({});
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/tài khoản demo/);
    expect(refused.stderr).toContain('admin');

    await stack.prisma.user.updateMany({ where: { username: { in: [...DEMO_USERNAMES] } }, data: { active: false } });
    const api = startServiceProcess({ name: 'api', command: process.execPath, args: ['--import', 'tsx', mainFile], env, output: 'ignore' });
    try {
      await waitForPort(Number(env.PORT), 60_000);
      expect(api.child.exitCode).toBeNull();
    } finally {
      await api.stop(5_000);
      await stack.prisma.user.updateMany({ where: { username: { in: [...DEMO_USERNAMES] } }, data: { active: true } });
    }
  });
});
