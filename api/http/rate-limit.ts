import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { HttpProblem } from './problem';

export interface RateLimitOptions {
  /** Requests allowed per window and key. */
  limit: number;
  windowMs: number;
  /** The key a request counts against; default: the client's IP address. */
  key?: (req: Request, ip: string) => string;
  /** What the person should do, in the 429 problem's detail. */
  detail: string;
}

/**
 * A rate limit answering a 429 problem document (with Retry-After and the standard RateLimit
 * headers). Each call makes its own in-memory store, so each app instance counts on its own; run
 * one API replica per limit, or give express-rate-limit a shared store when scaling out.
 */
export function problemRateLimit(options: RateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const ip = ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown');
      return options.key ? options.key(req, ip) : ip;
    },
    handler: (_req, _res, next) => {
      next(new HttpProblem(429, 'Quá nhiều yêu cầu (Too Many Requests)', options.detail));
    },
  });
}

/** Unauthenticated computations per minute from one IP address: a person's screen never needs more. */
export const PUBLIC_COMPUTATIONS_PER_MINUTE = { ranking: 60, other: 300 } as const;

/** The limit of an unauthenticated endpoint that computes (ranking is the costly one: ~100 ms CPU per large request). */
export function publicComputationLimit(kind: keyof typeof PUBLIC_COMPUTATIONS_PER_MINUTE): RequestHandler {
  const limit = PUBLIC_COMPUTATIONS_PER_MINUTE[kind];
  return problemRateLimit({
    limit,
    windowMs: 60_000,
    detail: `Tối đa ${limit} lượt tính mỗi phút từ một địa chỉ; vui lòng thử lại sau một phút (too many requests).`,
  });
}
