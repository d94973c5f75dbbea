import request from 'supertest';
import { bearer, tokenFor } from '../../support/auth';
import { createTestStack, type TestStack } from '../../support/stack';

describe('admin user management (/api/users)', () => {
  let stack: TestStack;
  let admin: { Authorization: string };

  beforeAll(async () => {
    stack = await createTestStack('users');
    admin = bearer(await tokenFor(stack, 'admin'));
  });
  afterAll(() => stack.close());

  const create = (body: object) => request(stack.app).post('/api/users').set(admin).send(body);
  const patch = (id: string, body: object) => request(stack.app).patch(`/api/users/${id}`).set(admin).send(body);
  const loginAs = (username: string, password: string) => request(stack.app).post('/api/auth/login').send({ username, password });
  const newReviewer = {
    username: 'reviewer.doc2',
    fullName: 'Nguyễn Văn Góp Ý',
    email: 'gopy@example.vn',
    password: 'mật-khẩu-đủ-dài',
    roles: ['REVIEWER'],
    departmentCode: 'DOC',
  };

  it('creates an account that can log in with its roles and department, audited without personal data', async () => {
    const created = await create(newReviewer).expect(201);
    expect(created.headers.location).toBe(`/api/users/${created.body.id}`);
    expect(created.body).toMatchObject({ username: 'reviewer.doc2', roles: ['REVIEWER'], departmentCode: 'DOC', councilRole: null, active: true });
    expect(created.body).not.toHaveProperty('passwordHash');
    const token = (await loginAs('reviewer.doc2', newReviewer.password).expect(200)).body.token as string;
    const me = await request(stack.app).get('/api/auth/me').set(bearer(token)).expect(200);
    expect(me.body).toMatchObject({ username: 'reviewer.doc2', departmentCode: 'DOC', roles: ['REVIEWER'] });

    const stored = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'reviewer.doc2' } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    const audit = await stack.prisma.auditEvent.findMany({ where: { entityType: 'User', entityId: created.body.id } });
    expect(audit.map((e) => [e.actor, e.action])).toEqual([['admin', 'user.created']]);
    expect(JSON.stringify(audit.map((e) => [e.oldValue, e.newValue]))).not.toMatch(/Góp Ý|gopy@|mật-khẩu|argon2/);
    expect(audit[0]?.newValue).toMatchObject({ username: 'reviewer.doc2', departmentCode: 'DOC' });
  });

  it('refuses duplicates, unknown departments and inconsistent roles with problem documents', async () => {
    const duplicate = await create(newReviewer).expect(409);
    expect(duplicate.headers['content-type']).toMatch(/^application\/problem\+json/);
    const unknown = await create({ ...newReviewer, username: 'reviewer.x', departmentCode: 'NOWHERE' }).expect(422);
    expect(unknown.body.knownDepartmentCodes).toContain('DOC');
    const noDepartment = await create({ ...newReviewer, username: 'reviewer.y', departmentCode: undefined }).expect(400);
    expect(noDepartment.body.errors).toEqual([{ field: 'departmentCode', message: expect.any(String) }]);
    const seat = await create({ ...newReviewer, username: 'reviewer.z', councilRole: 'MEMBER' }).expect(400);
    expect(seat.body.errors[0].field).toBe('councilRole');
    const bad = await create({ username: 'A B', fullName: '', email: 'x', password: 'short', roles: [], extra: 1 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['', 'email', 'fullName', 'password', 'roles', 'username']);
    const repeated = await create({ ...newReviewer, username: 'reviewer.w', roles: ['REVIEWER', 'REVIEWER'] }).expect(400);
    expect(repeated.body.errors[0].field).toBe('roles');
    expect(await stack.prisma.user.count({ where: { username: { in: ['reviewer.x', 'reviewer.y', 'reviewer.z', 'reviewer.w'] } } })).toBe(0);
  });

  it('deactivates an account at once, and reactivates it', async () => {
    const user = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'reviewer.doc2' } });
    const token = (await loginAs('reviewer.doc2', newReviewer.password).expect(200)).body.token as string;
    await patch(user.id, { active: false }).expect(200);
    await request(stack.app).get('/api/tasks').set(bearer(token)).expect(401);
    await loginAs('reviewer.doc2', newReviewer.password).expect(401);
    await patch(user.id, { active: true }).expect(200);
    await request(stack.app).get('/api/tasks').set(bearer(token)).expect(200);
  });

  it('changes roles, department, council seat and password', async () => {
    const user = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'reviewer.doc2' } });
    const updated = await patch(user.id, { roles: ['COUNCIL_MEMBER'], councilRole: 'MEMBER', departmentCode: null, password: 'một-mật-khẩu-mới' }).expect(200);
    expect(updated.body).toMatchObject({ roles: ['COUNCIL_MEMBER'], councilRole: 'MEMBER', departmentCode: null });
    await loginAs('reviewer.doc2', newReviewer.password).expect(401);
    const token = (await loginAs('reviewer.doc2', 'một-mật-khẩu-mới').expect(200)).body.token as string;
    const me = await request(stack.app).get('/api/auth/me').set(bearer(token)).expect(200);
    expect(me.body).toMatchObject({ roles: ['COUNCIL_MEMBER'], councilRole: 'MEMBER', departmentCode: null });
    await request(stack.app).get('/api/dashboard').set(bearer(token)).expect(403);

    const seatless = await patch(user.id, { councilRole: null }).expect(200);
    expect(seatless.body.councilRole).toBeNull();
    // The council role may not be dropped while the seat stays; a reviewer again needs a department.
    await patch(user.id, { councilRole: 'CHAIR', roles: ['MANAGER'] }).expect(400);
    await patch(user.id, { roles: ['REVIEWER'] }).expect(400);
    const audit = await stack.prisma.auditEvent.findMany({ where: { entityType: 'User', entityId: user.id, action: 'user.updated' }, orderBy: { id: 'asc' } });
    expect(audit.at(-1)?.newValue).toMatchObject({ councilRole: null });
    expect(audit.some((e) => (e.newValue as { passwordChanged?: boolean }).passwordChanged === true)).toBe(true);
  });

  it('keeps at least one active administrator', async () => {
    const me = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'admin' } });
    const locked = await patch(me.id, { active: false }).expect(409);
    expect(locked.body.detail).toMatch(/quản trị viên cuối cùng/);
    await patch(me.id, { roles: ['MANAGER'] }).expect(409);
    expect((await stack.prisma.user.findUniqueOrThrow({ where: { id: me.id } })).active).toBe(true);

    const second = await create({ username: 'admin2', fullName: 'Quản trị hai', email: 'a2@example.vn', password: 'a-long-password', roles: ['ADMIN'] }).expect(201);
    await patch(second.body.id, { active: false }).expect(200);
    await patch(me.id, { active: false }).expect(409);
  });

  it('answers bad ids and empty bodies with problem documents', async () => {
    await patch('not-a-uuid', { active: true }).expect(400);
    await patch('00000000-0000-4000-8000-000000000000', { active: true }).expect(404);
    const empty = await patch('00000000-0000-4000-8000-000000000000', {}).expect(400);
    expect(empty.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('lists accounts for the administrator', async () => {
    const list = await request(stack.app).get('/api/users').set(admin).expect(200);
    expect(list.body.items.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['admin', 'chair', 'reviewer.doc2']));
    expect(list.body.items.find((u: { username: string }) => u.username === 'chair')).toMatchObject({ councilRole: 'CHAIR', roles: ['COUNCIL_MEMBER'] });
  });
});
