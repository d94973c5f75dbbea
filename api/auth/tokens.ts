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

export function verifyToken(secret: string, token: string): VerifiedToken {
  try {
    const payload = jwt.verify(token, keyOf(secret), { algorithms: [ALGORITHM], issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE });
    if (typeof payload === 'string' || typeof payload.sub !== 'string' || typeof payload.username !== 'string') {
      return { ok: false, reason: 'invalid' };
    }
    return { ok: true, claims: { sub: payload.sub, username: payload.username } };
  } catch (error) {
    return { ok: false, reason: error instanceof jwt.TokenExpiredError ? 'expired' : 'invalid' };
  }
}
