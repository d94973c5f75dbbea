import type { Request } from 'express';
import type { z } from 'zod';
import { badRequest, type InvalidField } from './problem';

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
export const parseQuery = <S extends z.ZodType>(schema: S, req: Request) => parseWith(schema, req.query, 'query');
export const parseParams = <S extends z.ZodType>(schema: S, req: Request) => parseWith(schema, req.params, 'params');
