import request from 'supertest';
import { bootstrapAdministrator } from '../../../db/seed/bootstrap-admin';
import { createTestStack, type TestStack } from '../../support/stack';

describe('the first administrator of a production installation', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await createTestStack('bootstrap');
  });
  afterAll(() => stack.close());

  const admin = { username: 'quantri', password: 'mot-mat-khau-dai-du', email: 'quantri@longan.gov.vn' };

  it('is not created while an active administrator exists', async () => {
    expect(await bootstrapAdministrator(stack.prisma, admin)).toBe(false);
    expect(await stack.prisma.user.count({ where: { username: 'quantri' } })).toBe(0);
  });

  it('is created once when none is active, audited, and can sign in', async () => {
    await stack.prisma.user.updateMany({ where: { roles: { some: { role: 'ADMIN' } } }, data: { active: false } });
    expect(await bootstrapAdministrator(stack.prisma, admin)).toBe(true);
    expect(await bootstrapAdministrator(stack.prisma, { ...admin, password: 'another-password-123' })).toBe(false);

    const audit = await stack.prisma.auditEvent.findMany({ where: { action: 'user.bootstrapped' } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.newValue)).not.toContain(admin.password);

    const login = await request(stack.app).post('/api/auth/login').send({ username: 'quantri', password: admin.password }).expect(200);
    expect(login.body.token).toEqual(expect.any(String));
    await request(stack.app).post('/api/auth/login').send({ username: 'quantri', password: 'another-password-123' }).expect(401);
  });

  it('refuses a demo username and a short password', async () => {
    await expect(bootstrapAdministrator(stack.prisma, { ...admin, username: 'admin' })).rejects.toThrow(/demo/);
    await expect(bootstrapAdministrator(stack.prisma, { ...admin, password: 'short' })).rejects.toThrow(/12/);
  });
});
