import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// One zod schema is the validation, the TypeScript type and the OpenAPI entry of each request.
extendZodWithOpenApi(z);

export { z };

// PostgreSQL refuses NUL in text (22021) and no person types the other C0 controls or half of a
// surrogate pair: refusing them here names the field instead of failing a database write later
// (where a workflow's activity would retry it forever).
const UNPAIRED_SURROGATE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const SINGLE_LINE_REFUSED = new RegExp(`[\\u0000-\\u001f\\u007f]|${UNPAIRED_SURROGATE}`);
// Multi-line text keeps tab, line feed and carriage return (a textarea sends CRLF).
const MULTI_LINE_REFUSED = new RegExp(`[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]|${UNPAIRED_SURROGATE}`);

type StringParams = Parameters<typeof z.string>[0];

function refusing(pattern: RegExp, message: string, params?: StringParams) {
  // abort: the field is reported once, for its characters, not again by the checks after it.
  return z.string(params).check(z.refine((value) => !pattern.test(value), { message, abort: true }));
}

/** A one-line text field of a request (name, code, reason on one line, path or query parameter). */
export const text = (params?: StringParams) =>
  refusing(SINGLE_LINE_REFUSED, 'Có ký tự điều khiển (NUL, xuống dòng, tab...) hoặc ký tự Unicode không hợp lệ; xoá chúng và gửi lại.', params);

/** A text field of a request that may span lines: tab and line breaks are allowed, other controls are not. */
export const multilineText = (params?: StringParams) =>
  refusing(MULTI_LINE_REFUSED, 'Có ký tự điều khiển (như NUL) hoặc ký tự Unicode không hợp lệ; xoá chúng và gửi lại.', params);
