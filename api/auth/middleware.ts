/**
 * Authentication and authorisation for every staff route:
 *
 *   router.get('/api/things', authenticate(deps), requireRole('MANAGER', 'ADMIN'), async (req, res) => {
 *     const user = currentUser(res);
 *     ...
 *   });
 *
 * Attach them per route, never with router.use(): feature routers are mounted at the app's root,
 * so a router-level middleware would also run for every other feature's requests.
 */
import type { RequestHandler, Response } from 'express';
import { Role } from '../../generated/prisma/client';
import type { ApiDeps } from '../deps';
import { HttpProblem, unauthorized } from '../http/problem';
import { verifyToken } from './tokens';
import { loadActiveUser, type AuthUser } from './users';

export type { AuthUser } from './users';
export { Role };

/** Every staff role: a route open to any signed-in staff member requires one of these. */
export const STAFF_ROLES: Role[] = Object.values(Role);

const ROLE_NAMES: Record<Role, string> = {
  INTAKE_OFFICER: 'cán bộ tiếp nhận (INTAKE_OFFICER)',
  REVIEWER: 'cán bộ góp ý (REVIEWER)',
  APPRAISER: 'cán bộ thẩm định (APPRAISER)',
  COUNCIL_MEMBER: 'thành viên hội đồng (COUNCIL_MEMBER)',
  MANAGER: 'lãnh đạo (MANAGER)',
  ADMIN: 'quản trị viên (ADMIN)',
};

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/**
 * Reads `Authorization: Bearer <token>`, verifies it and loads the user, who must still exist and
 * be active; puts the user in res.locals.user. Answers 401 otherwise.
 */
export function authenticate(deps: Pick<ApiDeps, 'config' | 'prisma'>): RequestHandler {
  return async (req, res, next) => {
    const header = req.header('authorization');
    if (!header) return next(unauthorized());
    const match = BEARER.exec(header.trim());
    if (!match) return next(unauthorized('Header Authorization phải có dạng "Bearer <token>".'));
    const verified = verifyToken(deps.config.JWT_SECRET, match[1] as string);
    if (!verified.ok) {
      return next(
        unauthorized(
          verified.reason === 'expired'
            ? 'Phiên đăng nhập đã hết hạn (token expired); đăng nhập lại qua POST /api/auth/login.'
            : 'Token không hợp lệ (invalid token); đăng nhập lại qua POST /api/auth/login.',
        ),
      );
    }
    const user = await loadActiveUser(deps.prisma, verified.claims.sub);
    if (!user) return next(unauthorized('Tài khoản không tồn tại hoặc đã bị khoá (account inactive); liên hệ quản trị viên.'));
    res.locals.user = user;
    next();
  };
}

/** Lets the request through when the user has at least one of `roles`; 403 naming them otherwise. Use after authenticate. */
export function requireRole(...roles: Role[]): RequestHandler {
  if (roles.length === 0) throw new Error('requireRole: name at least one role');
  return (_req, res, next) => {
    const user = res.locals.user as AuthUser | undefined;
    if (!user) return next(unauthorized());
    if (user.roles.some((role) => roles.includes(role))) return next();
    const needed = roles.length === STAFF_ROLES.length ? 'một vai trò cán bộ (any staff role)' : roles.map((r) => ROLE_NAMES[r]).join(' hoặc ');
    next(
      new HttpProblem(403, 'Không có quyền (Forbidden)', `Thao tác này cần vai trò ${needed}; tài khoản ${user.username} không có.`, {
        requiredRoles: roles,
      }),
    );
  };
}

/** The signed-in user of a request that passed authenticate(). */
export function currentUser(res: Response): AuthUser {
  const user = res.locals.user as AuthUser | undefined;
  if (!user) throw unauthorized();
  return user;
}
