import { Router } from 'express';
import { authenticate, currentUser, requireRole } from '../auth/middleware';
import type { ApiDeps } from '../deps';
import { problemResponses, type DocsRegistration } from '../http/openapi';
import { parseBody, parseParams } from '../http/validate';
import { CreateUserSchema, UpdateUserSchema, UserIdParamsSchema, UserListSchema, UserViewSchema } from './schemas';
import { createUser, listUsers, updateUser } from './service';

export function userRouter(deps: ApiDeps): Router {
  const router = Router();
  const admin = [authenticate(deps), requireRole('ADMIN')];

  router.get('/api/users', ...admin, async (_req, res) => {
    res.json({ items: await listUsers(deps) });
  });

  router.post('/api/users', ...admin, async (req, res) => {
    const body = parseBody(CreateUserSchema, req);
    const user = await createUser(deps, currentUser(res), body);
    res.status(201).location(`/api/users/${user.id}`).json(user);
  });

  router.patch('/api/users/:id', ...admin, async (req, res) => {
    const { id } = parseParams(UserIdParamsSchema, req);
    const body = parseBody(UpdateUserSchema, req);
    res.json(await updateUser(deps, currentUser(res), id, body));
  });

  return router;
}

export const registerUserDocs: DocsRegistration = (registry) => {
  const security = [{ bearerAuth: [] }];
  registry.registerPath({
    method: 'get',
    path: '/api/users',
    tags: ['users'],
    summary: 'Danh sách tài khoản (ADMIN)',
    security,
    responses: { 200: { description: 'Tài khoản', content: { 'application/json': { schema: UserListSchema } } }, ...problemResponses(401, 403) },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/users',
    tags: ['users'],
    summary: 'Tạo tài khoản (ADMIN)',
    description: 'Password hashed with argon2id. A REVIEWER needs a department; a council seat needs COUNCIL_MEMBER. Audited without personal data.',
    security,
    request: { body: { content: { 'application/json': { schema: CreateUserSchema } } } },
    responses: {
      201: { description: 'Đã tạo', content: { 'application/json': { schema: UserViewSchema } } },
      ...problemResponses(400, 401, 403, 409, 422),
    },
  });
  registry.registerPath({
    method: 'patch',
    path: '/api/users/{id}',
    tags: ['users'],
    summary: 'Sửa tài khoản: vai trò, sở, ghế hội đồng, khoá/mở, mật khẩu (ADMIN)',
    description: 'Deactivating takes effect on the next request (tokens are checked against the account). The last active administrator cannot be deactivated or lose ADMIN (409).',
    security,
    request: { params: UserIdParamsSchema, body: { content: { 'application/json': { schema: UpdateUserSchema } } } },
    responses: {
      200: { description: 'Đã sửa', content: { 'application/json': { schema: UserViewSchema } } },
      ...problemResponses(400, 401, 403, 404, 409, 422),
    },
  });
};
