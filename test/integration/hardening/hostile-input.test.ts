/**
 * Hostile input over every operation of the API's own OpenAPI document: NUL and other C0 controls
 * or half surrogate pairs in every string field, path and query parameter, malformed percent-
 * encoding, compressed bodies, deep nesting and oversized headers. Not one answer may be a 5xx, and
 * every targeted case is a 4xx problem document. fast-check adds random combinations on a fixed seed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import request from 'supertest';
import { answerClientErrorsWithProblems } from '../../../api/http/client-error';
import { bearer, tokenFor } from '../../support/auth';
import { createTestStack, type TestStack } from '../../support/stack';

type Schema = { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; example?: unknown; allOf?: Schema[]; anyOf?: Schema[]; oneOf?: Schema[]; format?: string };
interface Parameter { name: string; in: string; schema?: Schema }
interface Operation { method: string; path: string; description: string; parameters: Parameter[]; body?: Schema }
interface Case { operation: Operation; where: 'path' | 'query' | 'body'; field: string; value: string }

const HOSTILE = ['\u0000', 'a\u0000b', '\u0001x', 'x\u001f', '\u007f', 'a\ud800', '\udc00b', 'x\u001b[31m'];
const ROLE_USERS: Array<[string, string]> = [['INTAKE_OFFICER', 'intake'], ['APPRAISER', 'appraiser'], ['MANAGER', 'manager'], ['REVIEWER', 'reviewer.doit'], ['COUNCIL_MEMBER', 'chair'], ['ADMIN', 'admin']];

let components: Record<string, Schema> = {};
const resolve = (schema: Schema | undefined): Schema => {
  if (!schema) return {};
  if (schema.$ref) return resolve(components[schema.$ref.split('/').pop() ?? '']);
  const first = schema.allOf?.[0] ?? schema.anyOf?.[0] ?? schema.oneOf?.[0];
  return first && !schema.type && !schema.properties ? resolve(first) : schema;
};
const typeOf = (schema: Schema) => (Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type);

/** A plausible value for a schema: a request that differs from a valid one only where we put the hostile string. */
function sample(schema: Schema | undefined, depth = 0): unknown {
  const s = resolve(schema);
  if (s.example !== undefined) return s.example;
  if (s.enum) return s.enum[0];
  switch (typeOf(s)) {
    case 'object':
      return depth > 6 ? {} : Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v, depth + 1)]));
    case 'array':
      return depth > 6 ? [] : [sample(s.items, depth + 1)];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    default:
      return s.format === 'date' ? '2026-02-13' : s.format === 'email' ? 'a@example.vn' : s.format === 'uuid' ? '00000000-0000-4000-8000-000000000000' : 'abc';
  }
}

/** Dotted paths of the string leaves of a schema (array items as index 0). */
function stringFields(schema: Schema | undefined, prefix: string[] = [], depth = 0): string[][] {
  const s = resolve(schema);
  if (depth > 6) return [];
  if (typeOf(s) === 'object') return Object.entries(s.properties ?? {}).flatMap(([k, v]) => stringFields(v, [...prefix, k], depth + 1));
  if (typeOf(s) === 'array') return stringFields(s.items, [...prefix, '0'], depth + 1);
  return typeOf(s) === 'string' && !s.enum ? [prefix] : [];
}

/** encodeURIComponent, except that a lone surrogate is sent as the 3 bytes a careless client would send (which no decoder accepts). */
function percentEncode(value: string): string {
  return [...value]
    .map((ch) => {
      const unit = ch.charCodeAt(0);
      if (ch.length === 1 && unit >= 0xd800 && unit <= 0xdfff) return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
      return encodeURIComponent(ch);
    })
    .join('');
}

function withValue(value: unknown, path: string[], leaf: string): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path as [string, ...string[]];
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...(value as unknown[])] : { ...(value as Record<string, unknown>) };
  (copy as Record<string, unknown>)[head] = withValue((value as Record<string, unknown>)?.[head], rest, leaf);
  return copy;
}

describe('hostile input over every OpenAPI operation', () => {
  let stack: TestStack;
  let operations: Operation[];
  const tokens = new Map<string, string>();
  const answers: Array<{ status: number; label: string }> = [];

  beforeAll(async () => {
    stack = await createTestStack('hostile');
    const doc = (await request(stack.app).get('/api/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { description?: string; parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
      components?: { schemas?: Record<string, Schema> };
    };
    components = doc.components?.schemas ?? {};
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method,
        path,
        description: op.description ?? '',
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      })),
    );
    for (const [, user] of ROLE_USERS) tokens.set(user, await tokenFor(stack, user));
  });
  afterAll(async () => {
    await stack?.close();
  });

  const userFor = (op: Operation) => ROLE_USERS.find(([role]) => op.description.includes(role))?.[1] ?? 'admin';

  async function send(op: Operation, overrides: { path?: Record<string, string>; query?: Record<string, string>; body?: unknown; headers?: Record<string, string> } = {}) {
    const pathParams = Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, encodeURIComponent(String(sample(p.schema)))]));
    Object.assign(pathParams, overrides.path);
    const url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => pathParams[name] ?? 'x');
    const query = Object.fromEntries(op.parameters.filter((p) => p.in === 'query').map((p) => [p.name, String(sample(p.schema))]));
    Object.assign(query, overrides.query);
    const qs = Object.entries(query).map(([k, v]) => `${k}=${percentEncode(v)}`).join('&');
    let req = request(stack.app)[op.method as 'get'](qs ? `${url}?${qs}` : url).set(bearer(tokens.get(userFor(op)) ?? ''));
    for (const [k, v] of Object.entries(overrides.headers ?? {})) req = req.set(k, v);
    if (op.method !== 'get' && op.method !== 'delete') req = typeof overrides.body === 'string' ? req.set('Content-Type', 'application/json').send(overrides.body) : req.send((overrides.body ?? sample(op.body)) as object);
    const res = await req;
    answers.push({ status: res.status, label: `${op.method.toUpperCase()} ${op.path}` });
    return res;
  }

  function expectProblem(res: request.Response, label: string, field?: string) {
    if (res.status < 400 || res.status >= 500) throw new Error(`${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(res.status);
    // A 400 for a hostile field names that field, and reports its characters at most once.
    if (field && res.status === 400 && res.body.errors) {
      const named = (res.body.errors as Array<{ field: string; message: string }>).filter((e) => e.field === field);
      if (named.length === 0 || named.filter((e) => /ký tự điều khiển/.test(e.message)).length > 1) {
        throw new Error(`${label}: 400 does not name ${field} (once): ${JSON.stringify(res.body.errors)}`);
      }
    }
  }

  function targetedCases(value: string): Case[] {
    return operations.flatMap((operation) => [
      ...operation.parameters.filter((p) => p.in === 'path' || p.in === 'query').map((p) => ({ operation, where: p.in as 'path' | 'query', field: p.name, value })),
      ...stringFields(operation.body).map((path) => ({ operation, where: 'body' as const, field: path.join('.'), value })),
    ]);
  }

  async function run(c: Case) {
    const { operation: op, where, field, value } = c;
    const label = `${op.method.toUpperCase()} ${op.path} ${where}.${field} ${JSON.stringify(value)}`;
    const res =
      where === 'path'
        ? await send(op, { path: { [field]: percentEncode(value) } })
        : where === 'query'
          ? await send(op, { query: { [field]: value } })
          : await send(op, { body: withValue(sample(op.body), field.split('.'), value) });
    expectProblem(res, label, where === 'body' ? field : `${where === 'path' ? 'params' : 'query'}.${field}`);
  }

  it('refuses NUL in every string field, path and query parameter of every operation with a 4xx problem', async () => {
    const cases = targetedCases('a\u0000b');
    expect(cases.length).toBeGreaterThan(50);
    for (const c of cases) await run(c);
  });

  it('refuses other controls and unpaired surrogates anywhere (fast-check, fixed seed and budget)', async () => {
    const cases = HOSTILE.flatMap((value) => targetedCases(value));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...cases), async (c) => {
        await run(c);
      }),
      { seed: 20261202, numRuns: 250 },
    );
  });

  it('answers malformed percent-encoding, compressed bodies and deep nesting with 4xx problems', async () => {
    for (const op of operations) {
      const label = `${op.method.toUpperCase()} ${op.path}`;
      const pathParam = op.parameters.find((p) => p.in === 'path');
      if (pathParam) expectProblem(await send(op, { path: { [pathParam.name]: '%zz' } }), `${label} %zz`);
      // A query value is sent raw here: '%zz' and the bytes of a lone surrogate are not UTF-8.
      const queries = op.method === 'get' && !pathParam ? op.parameters.filter((p) => p.in === 'query') : [];
      for (const q of queries) {
        for (const raw of ['%zz', 'a%ED%A0%80']) {
          const res = await request(stack.app).get(`${op.path}?${q.name}=${raw}`).set(bearer(tokens.get(userFor(op)) ?? ''));
          expectProblem(res, `${label} ?${q.name}=${raw}`, `query.${q.name}`);
        }
      }
      if (op.method === 'post' || op.method === 'put' || op.method === 'patch') {
        const gz = await send(op, { headers: { 'Content-Encoding': 'gzip' } });
        expectProblem(gz, `${label} gzip`);
        if (gz.status !== 401 && gz.status !== 403 && gz.status !== 429) expect(gz.status).toBe(415);
        expectProblem(await send(op, { body: '['.repeat(40_000), headers: { 'Idempotency-Key': `deep-${op.path}` } }), `${label} deep`);
      }
    }
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
  });

  it('answers headers too large with a 431 problem document from the HTTP server itself', async () => {
    const server = http.createServer(stack.app);
    answerClientErrorsWithProblems(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/health`, { headers: { 'X-Padding': 'x'.repeat(40_000) } });
      expect(res.status).toBe(431);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 431, title: expect.stringContaining('Header') });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
