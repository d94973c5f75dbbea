import jwt from 'jsonwebtoken';
import { signToken, TOKEN_AUDIENCE, TOKEN_ISSUER, TOKEN_TTL_SECONDS, verifyToken } from '../../../../api/auth/tokens';

const SECRET = 'a-test-secret-of-sufficient-length-0123456789';

describe('verifyToken', () => {
  afterEach(() => jest.useRealTimers());

  it('accepts a token again from memory, and refuses it from the second its exp names', () => {
    jest.useFakeTimers({ now: new Date('2026-12-03T01:00:00Z') });
    const { token, expiresAt } = signToken(SECRET, { sub: 'u-1', username: 'intake' });
    expect(verifyToken(SECRET, token)).toEqual({ ok: true, claims: { sub: 'u-1', username: 'intake' } });
    jest.setSystemTime(expiresAt.getTime() - 1_000);
    expect(verifyToken(SECRET, token)).toEqual({ ok: true, claims: { sub: 'u-1', username: 'intake' } });
    jest.setSystemTime(expiresAt.getTime());
    expect(verifyToken(SECRET, token)).toEqual({ ok: false, reason: 'expired' });
    expect(expiresAt.getTime() - new Date('2026-12-03T01:00:00Z').getTime()).toBe(TOKEN_TTL_SECONDS * 1000);
  });

  it('does not accept a remembered token under another secret', () => {
    const { token } = signToken(SECRET, { sub: 'u-2', username: 'manager' });
    expect(verifyToken(SECRET, token).ok).toBe(true);
    expect(verifyToken(`${SECRET}-rotated`, token)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a forged signature, another audience and a token without expiry', () => {
    const { token } = signToken(SECRET, { sub: 'u-3', username: 'reviewer' });
    const [head, body] = token.split('.');
    expect(verifyToken(SECRET, `${head}.${body}.${'A'.repeat(43)}`)).toEqual({ ok: false, reason: 'invalid' });
    const other = jwt.sign({ username: 'reviewer' }, SECRET, { subject: 'u-3', issuer: TOKEN_ISSUER, audience: 'another-app', expiresIn: 60 });
    expect(verifyToken(SECRET, other)).toEqual({ ok: false, reason: 'invalid' });
    const endless = jwt.sign({ username: 'reviewer' }, SECRET, { subject: 'u-3', issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE });
    expect(verifyToken(SECRET, endless)).toEqual({ ok: false, reason: 'invalid' });
  });
});
