import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** A session lasts one working day. */
export const TOKEN_TTL_SECONDS = 8 * 60 * 60;
const ALGORITHM = 'HS256';
/** Who issues tokens and for whom: a token signed with the same secret for another purpose is refused. */
export const TOKEN_ISSUER = 'ccn-investor-selection';
export const TOKEN_AUDIENCE = 'ccn-api';

/**
 * The signing key, made once per secret: given a string, jsonwebtoken builds a key object on every
 * call (and first tries it as a public key, which throws), a cost paid by every request.
 */
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

export interface TokenClaims {
  /** The user's id. */
  sub: string;
  username: string;
}

export function signToken(secret: string, claims: TokenClaims): { token: string; expiresAt: Date } {
  const token = jwt.sign({ username: claims.username }, keyOf(secret), {
    algorithm: ALGORITHM,
    subject: claims.sub,
    issuer: TOKEN_ISSUER,
    audience: TOKEN_AUDIENCE,
    expiresIn: TOKEN_TTL_SECONDS,
  });
  const { exp } = jwt.decode(token) as { exp: number };
  return { token, expiresAt: new Date(exp * 1000) };
}

export type VerifiedToken = { ok: true; claims: TokenClaims } | { ok: false; reason: 'expired' | 'invalid' };

/**
 * Tokens already verified, with their claims and expiry: a staff client sends the same token with
 * every request of its working day, and the HMAC with the claim checks cost each request more than
 * the rest of signing-in (the account itself is cached in api/auth/users.ts). A token is immutable
 * and bound to its secret, so a verified one stays valid until its `exp`, which is checked at every
 * use. Bounded: emptied when full.
 */
const VERIFIED_LIMIT = 10_000;
const verified = new Map<string, { secret: string; claims: TokenClaims; exp: number }>();

export function verifyToken(secret: string, token: string): VerifiedToken {
  const known = verified.get(token);
  if (known && known.secret === secret) {
    // As jsonwebtoken counts it: expired from the second `exp` names.
    return Math.floor(Date.now() / 1000) >= known.exp ? { ok: false, reason: 'expired' } : { ok: true, claims: known.claims };
  }
  try {
    const payload = jwt.verify(token, keyOf(secret), { algorithms: [ALGORITHM], issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE });
    if (typeof payload === 'string' || typeof payload.sub !== 'string' || typeof payload.username !== 'string' || typeof payload.exp !== 'number') {
      return { ok: false, reason: 'invalid' };
    }
    const claims = { sub: payload.sub, username: payload.username };
    if (verified.size >= VERIFIED_LIMIT) verified.clear();
    verified.set(token, { secret, claims, exp: payload.exp });
    return { ok: true, claims };
  } catch (error) {
    return { ok: false, reason: error instanceof jwt.TokenExpiredError ? 'expired' : 'invalid' };
  }
}
