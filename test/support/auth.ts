/**
 * Logs in as a demo account (seeded into the template database by global-setup) through the real
 * POST /api/auth/login, and caches the token per stack and username so tests stay well under the
 * login rate limit.
 *
 *   const token = await tokenFor(stack, 'intake');
 *   await request(stack.app).post('/api/dossiers').set(bearer(token)).send(body);
 */
import request from 'supertest';
import type { TestStack } from './stack';

/** Password of every demo account in the test template database. */
export const TEST_DEMO_PASSWORD = 'demo';

const tokens = new WeakMap<TestStack, Map<string, string>>();

export async function tokenFor(stack: TestStack, username: string): Promise<string> {
  let cache = tokens.get(stack);
  if (!cache) tokens.set(stack, (cache = new Map()));
  const cached = cache.get(username);
  if (cached) return cached;
  const response = await request(stack.app).post('/api/auth/login').send({ username, password: TEST_DEMO_PASSWORD });
  if (response.status !== 200) throw new Error(`login as ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
  const token = (response.body as { token: string }).token;
  cache.set(username, token);
  return token;
}

/** The Authorization header of a token, for supertest's .set(). */
export function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}
