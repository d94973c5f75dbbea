import type { ApiDeps } from '../deps';
import { unauthorized } from '../http/problem';
import { verifyPassword } from './passwords';
import { signToken } from './tokens';

/** Checks the credentials of an active account and issues a token; one message for every failure. */
export async function login(deps: Pick<ApiDeps, 'config' | 'prisma'>, username: string, password: string) {
  const user = await deps.prisma.user.findUnique({ where: { username }, select: { id: true, username: true, passwordHash: true, active: true } });
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !valid || !user.active) {
    throw unauthorized('Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đã bị khoá (invalid credentials).');
  }
  const { token, expiresAt } = signToken(deps.config.JWT_SECRET, { sub: user.id, username: user.username });
  return { token, tokenType: 'Bearer' as const, expiresAt: expiresAt.toISOString() };
}
