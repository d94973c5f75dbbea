import type { Request } from 'express';
import type { z } from 'zod';
import { badRequest, type InvalidField } from './problem';
import { malformedParameters } from './query-string';

function invalidFields(error: z.ZodError, prefix: string): InvalidField[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): z.infer<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const errors = invalidFields(parsed.error, where === 'body' ? '' : where);
  throw badRequest(`Có ${errors.length} trường không hợp lệ: ${errors.map((e) => e.field || '(body)').join(', ')}.`, errors);
}

export const parseBody = <S extends z.ZodType>(schema: S, req: Request) => parseWith(schema, req.body, 'body');
export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const query: unknown = req.query;
  const malformed = malformedParameters(query);
  if (malformed.length) {
    const errors = malformed.map((name) => ({
      field: `query.${name}`,
      message: 'Mã phần trăm (%) không hợp lệ hoặc không phải UTF-8; mã hoá lại tham số bằng encodeURIComponent.',
    }));
    throw badRequest(`Có ${errors.length} tham số không đọc được: ${errors.map((e) => e.field).join(', ')}.`, errors);
  }
  return parseWith(schema, query, 'query');
}
export const parseParams = <S extends z.ZodType>(schema: S, req: Request) => parseWith(schema, req.params, 'params');
