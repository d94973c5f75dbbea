import { text, z } from './zod';

/**
 * Keyset paging: a page ends with `nextCursor`, the sort key of its last row (opaque to clients:
 * base64url of a JSON array), and the next page starts strictly after that key. Unlike an offset, a
 * cursor costs the same on page 1 and page 10,000, and rows filed meanwhile neither repeat nor vanish.
 */
export const encodeCursor = (key: readonly unknown[]): string => Buffer.from(JSON.stringify(key)).toString('base64url');

/** The query parameter `cursor`: decoded by `parse` (null = not a key of this list, a 400 naming the field). */
export function cursorParam<T>(parse: (key: unknown) => T | null) {
  return text()
    .max(512)
    .transform((value, ctx) => {
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
      } catch {
        decoded = undefined;
      }
      const key = Array.isArray(decoded) ? parse(decoded) : null;
      if (key === null) {
        ctx.addIssue({ code: 'custom', message: 'cursor không hợp lệ: gửi lại đúng nextCursor của trang trước, hoặc bỏ cursor để xem trang đầu' });
        return z.NEVER;
      }
      return key;
    })
    .openapi({ description: 'nextCursor của trang trước (bỏ trống: trang đầu)', type: 'string' });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Pieces of a decoded key, checked, so a tampered cursor is a 400 and never reaches SQL malformed. */
export const keyPart = {
  date: (v: unknown): v is string => typeof v === 'string' && ISO_DATE.test(v) && !Number.isNaN(Date.parse(v)),
  instant: (v: unknown): v is string => typeof v === 'string' && ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v)),
  uuid: (v: unknown): v is string => typeof v === 'string' && UUID.test(v),
  code: (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64,
};
