import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { Prisma, type PrismaClient } from '../../generated/prisma/client';
import { badRequest, conflict, unprocessable } from './problem';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** A live request renews its unfinished record's lease (`createdAt`) this often while it runs. */
export const LEASE_RENEW_MS = 2_000;
/**
 * An unfinished record whose lease was not renewed for this long was left by a process that died
 * (SIGKILL, crash): a retry then takes it over. Three renewals' worth, so a live request on a
 * loaded machine keeps its record, and a client is held off a few seconds after a crash, not for
 * the whole request deadline.
 */
export const STALE_AFTER_MS = 3 * LEASE_RENEW_MS;
/** Set by a handler whose 2xx is not final (202: accepted, still being recorded): the record is released, a retry runs again. */
export const NOT_FINAL = 'idempotencyNotFinal';

function requestHash(method: string, path: string, body: unknown): string {
  // The body's nesting depth is bounded by request-guards before this runs, so stringify cannot overflow the stack.
  return createHash('sha256').update(`${method} ${path}\n${JSON.stringify(body ?? null)}`).digest('hex');
}

/** Keys are per caller: two users choosing the same key never see each other's responses. */
export function scopedKey(principal: string, key: string): string {
  return `${principal}:${key}`;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

const inProgress = () => conflict('Yêu cầu cùng Idempotency-Key đang được xử lý; thử lại sau ít giây.', { reason: 'InProgress' });

/**
 * Stores the answer when it is a final success, and releases the record on every other path: a
 * refusal, a server error, a 503, a deadline, a client that went away, a handler that never answered.
 */
function settleOnResponse(res: Response, prisma: PrismaClient, key: string): void {
  let settled = false;
  // Renewed until the request settles (at most the request deadline): only a dead process's record goes stale.
  const lease = setInterval(() => {
    prisma.idempotencyRecord.updateMany({ where: { key, responseStatus: null }, data: { createdAt: new Date() } }).catch(() => undefined);
  }, LEASE_RENEW_MS);
  lease.unref();
  const release = () => {
    clearInterval(lease);
    return prisma.idempotencyRecord.deleteMany({ where: { key, responseStatus: null } });
  };
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    // Another answer already went out (the request deadline's 503): this late one is dropped.
    if (res.headersSent) return res;
    if (settled) return json(body);
    settled = true;
    const final = res.statusCode >= 200 && res.statusCode < 300 && res.locals[NOT_FINAL] !== true;
    if (final) clearInterval(lease);
    const save = final
      ? prisma.idempotencyRecord.update({ where: { key }, data: { responseStatus: res.statusCode, responseBody: (body ?? null) as Prisma.InputJsonValue } })
      : release();
    // Saved before the answer leaves: a client that saw a success always gets it replayed. If the
    // save fails (database gone), the answer still goes out and the record is taken over later.
    const answer = () => {
      if (!res.headersSent) json(body);
    };
    save.then(answer, answer);
    return res;
  };
  res.on('close', () => {
    if (!settled) {
      settled = true;
      release().catch(() => undefined);
    }
  });
}

/**
 * Honours the Idempotency-Key header on a POST that creates something: the first request runs and
 * its successful response is stored; a repeat with the same key and body gets the same response,
 * marked `Idempotent-Replayed: true`; the same key with a different body is refused. A refused or
 * failed request stores nothing, so it can be corrected and retried under the same key.
 *
 * A request that takes over the record of one that crashed, or retries one that failed, may find
 * the earlier attempt applied: handlers find its effect through the key (the dossier code derived
 * from it, the Temporal Update id) rather than refuse it as a repeat.
 */
export function idempotency(prisma: PrismaClient, principalOf: (res: Response) => string = () => 'anonymous'): RequestHandler {
  return async (req, res, next) => {
    const header = req.header(IDEMPOTENCY_HEADER);
    if (header === undefined) return next();
    if (!KEY_PATTERN.test(header)) {
      return next(badRequest('Idempotency-Key phải gồm 1–255 ký tự ASCII in được.', [{ field: 'header.Idempotency-Key', message: 'invalid' }]));
    }
    const key = scopedKey(principalOf(res), header);
    const hash = requestHash(req.method, req.path, req.body);
    try {
      await prisma.idempotencyRecord.create({ data: { key, requestHash: hash } });
    } catch (error) {
      if (!isUniqueViolation(error)) return next(error);
      const existing = await prisma.idempotencyRecord.findUnique({ where: { key } });
      if (!existing) return next(conflict('Yêu cầu cùng Idempotency-Key vừa kết thúc; hãy gửi lại.', { reason: 'InProgress' }));
      if (existing.requestHash !== hash) {
        return next(unprocessable('Idempotency-Key này đã được dùng cho một yêu cầu khác; dùng khoá mới cho yêu cầu mới.'));
      }
      if (existing.responseStatus !== null) {
        res.setHeader('Idempotent-Replayed', 'true');
        res.status(existing.responseStatus).json(existing.responseBody);
        return;
      }
      if (Date.now() - existing.createdAt.getTime() < STALE_AFTER_MS) {
        res.setHeader('Retry-After', String(Math.ceil((STALE_AFTER_MS - (Date.now() - existing.createdAt.getTime())) / 1000)));
        return next(inProgress());
      }
      // Compare-and-set: of two retries racing to take over a stale request, only one runs it.
      const takenOver = await prisma.idempotencyRecord.updateMany({ where: { key, createdAt: existing.createdAt, responseStatus: null }, data: { createdAt: new Date() } });
      if (takenOver.count !== 1) return next(inProgress());
    }
    res.locals.idempotencyKey = header;
    settleOnResponse(res, prisma, key);
    next();
  };
}
