import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { Prisma, type PrismaClient } from '../../generated/prisma/client';
import { badRequest, conflict, unprocessable } from './problem';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** A request that crashed mid-way leaves its record unfinished; after this long a retry may take it over. */
const STALE_AFTER_MS = 60_000;

function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${JSON.stringify(body ?? null)}`).digest('hex');
}

/** Keys are per caller: two users choosing the same key never see each other's responses. */
export function scopedKey(principal: string, key: string): string {
  return `${principal}:${key}`;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

function recordResponse(res: Response, prisma: PrismaClient, key: string): void {
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    // Only a success is a result to replay. A refusal (bad input, no right, conflict) or a server
    // error is forgotten, so the client's corrected retry with the same key runs again.
    const save =
      res.statusCode >= 400
        ? prisma.idempotencyRecord.delete({ where: { key } })
        : prisma.idempotencyRecord.update({
            where: { key },
            data: { responseStatus: res.statusCode, responseBody: (body ?? null) as Prisma.InputJsonValue },
          });
    save.then(() => json(body)).catch(() => json(body));
    return res;
  };
}

/**
 * Honours the Idempotency-Key header on a POST that creates something: the first request runs and
 * its successful response is stored; a repeat with the same key and body gets the same response,
 * marked `Idempotent-Replayed: true`; the same key with a different body is refused. A refused or
 * failed request stores nothing, so it can be corrected and retried under the same key.
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
      if (!existing) return next(conflict('Yêu cầu cùng Idempotency-Key vừa thất bại; hãy gửi lại.'));
      if (existing.requestHash !== hash) {
        return next(unprocessable('Idempotency-Key này đã được dùng cho một yêu cầu khác; dùng khoá mới cho yêu cầu mới.'));
      }
      if (existing.responseStatus !== null) {
        res.setHeader('Idempotent-Replayed', 'true');
        res.status(existing.responseStatus).json(existing.responseBody);
        return;
      }
      if (Date.now() - existing.createdAt.getTime() < STALE_AFTER_MS) {
        return next(conflict('Yêu cầu cùng Idempotency-Key đang được xử lý; thử lại sau ít giây.'));
      }
      // Compare-and-set: of two retries racing to take over a stale request, only one runs it.
      const takenOver = await prisma.idempotencyRecord.updateMany({ where: { key, createdAt: existing.createdAt, responseStatus: null }, data: { createdAt: new Date() } });
      if (takenOver.count !== 1) return next(conflict('Yêu cầu cùng Idempotency-Key đang được xử lý; thử lại sau ít giây.'));
    }
    res.locals.idempotencyKey = header;
    recordResponse(res, prisma, key);
    next();
  };
}
