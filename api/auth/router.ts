import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { problemResponses, type DocsRegistration } from '../http/openapi';
import { problemRateLimit } from '../http/rate-limit';
import { parseBody } from '../http/validate';
import { authenticate, currentUser, requireRole, STAFF_ROLES } from './middleware';
import { AuthUserSchema, LoginSchema, TokenSchema } from './schemas';
import { login } from './service';

/** Login attempts per minute for one username from one IP address. */
export const LOGIN_ATTEMPTS_PER_MINUTE = 10;

export function authRouter(deps: ApiDeps): Router {
  const router = Router();
  const loginLimit = problemRateLimit({
    limit: LOGIN_ATTEMPTS_PER_MINUTE,
    windowMs: 60_000,
    key: (req, ip) => {
      const username: unknown = (req.body as { username?: unknown } | undefined)?.username;
      return `${ip}|${typeof username === 'string' ? username.trim().toLowerCase() : ''}`;
    },
    detail: `Đăng nhập sai quá ${LOGIN_ATTEMPTS_PER_MINUTE} lần trong một phút; hãy chờ một phút rồi thử lại (too many login attempts).`,
  });

  router.post('/api/auth/login', loginLimit, async (req, res) => {
    const body = parseBody(LoginSchema, req);
    res.json(await login(deps, body.username, body.password));
  });

  router.get('/api/auth/me', authenticate(deps), requireRole(...STAFF_ROLES), (_req, res) => {
    res.json(currentUser(res));
  });

  return router;
}

export const registerAuthDocs: DocsRegistration = (registry) => {
  registry.registerPath({
    method: 'post',
    path: '/api/auth/login',
    tags: ['auth'],
    summary: 'Đăng nhập (log in): nhận token JWT dùng 8 giờ',
    description: `At most ${LOGIN_ATTEMPTS_PER_MINUTE} attempts per minute per IP address and username; then 429.`,
    request: { body: { content: { 'application/json': { schema: LoginSchema } } } },
    responses: {
      200: { description: 'Đăng nhập thành công', content: { 'application/json': { schema: TokenSchema } } },
      ...problemResponses(400, 401, 429),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/auth/me',
    tags: ['auth'],
    summary: 'Tài khoản đang đăng nhập (the signed-in user)',
    security: [{ bearerAuth: [] }],
    responses: {
      200: { description: 'Người dùng', content: { 'application/json': { schema: AuthUserSchema } } },
      ...problemResponses(401, 403),
    },
  });
};
