import type { RequestHandler } from 'express';
import { PROBLEM_CONTENT_TYPE, problemDocument } from './error-middleware';
import { HttpProblem } from './problem';
import { RETRY_AFTER_SECONDS, serviceUnavailable } from './unavailable';

/**
 * The longest a request may take before the API answers 503 for it. Every wait inside is bounded
 * below it (database connection and statements, Temporal calls), so this only catches their sum.
 */
export const REQUEST_DEADLINE_MS = 20_000;
/** Deeper JSON is no request of ours; refusing it keeps hashing and validation off the stack limit. */
export const MAX_JSON_DEPTH = 32;

export const requestDeadline: RequestHandler = (req, res, next) => {
  const timer = setTimeout(() => {
    if (res.headersSent) return;
    req.log?.warn({ deadlineMs: REQUEST_DEADLINE_MS }, 'request deadline exceeded');
    res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(503).type(PROBLEM_CONTENT_TYPE).json(problemDocument(serviceUnavailable('deadline'), req.originalUrl, req.id));
  }, REQUEST_DEADLINE_MS);
  res.on('close', () => clearTimeout(timer));
  next();
};

/** The API takes plain bodies only: a compressed (or falsely labelled) body is a 415, whatever its type. */
export const identityEncodingOnly: RequestHandler = (req, _res, next) => {
  const encoding = req.headers['content-encoding']?.trim().toLowerCase();
  if (encoding === undefined || encoding === '' || encoding === 'identity') return next();
  next(
    new HttpProblem(415, 'Kiểu nội dung không hỗ trợ (Unsupported Media Type)', `Không nhận thân yêu cầu nén (Content-Encoding: ${encoding.slice(0, 40)}); gửi application/json không nén.`, {
      errors: [{ field: 'header.Content-Encoding', message: 'chỉ nhận identity' }],
    }),
  );
};

function depthExceeds(value: unknown, limit: number): boolean {
  // Iterative: the point is to measure input too deep for recursion.
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

export const boundedJsonDepth: RequestHandler = (req, _res, next) => {
  if (!depthExceeds(req.body, MAX_JSON_DEPTH)) return next();
  next(new HttpProblem(400, 'Dữ liệu không hợp lệ (Bad Request)', `JSON lồng nhau quá sâu (tối đa ${MAX_JSON_DEPTH} cấp).`, { errors: [{ field: '(body)', message: `tối đa ${MAX_JSON_DEPTH} cấp lồng nhau` }] }));
};
