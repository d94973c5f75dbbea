/**
 * The OpenAPI document lists the 429 of every rate-limited operation and the 503 of every operation
 * that waits on PostgreSQL or Temporal. Which operations are rate-limited is found by asking the app
 * (more requests than any limit allows), not from a list, so a new limit without its 429 fails here.
 */
import request from 'supertest';
import { PUBLIC_COMPUTATIONS_PER_MINUTE } from '../../../api/http/rate-limit';
import { createTestStack, type TestStack } from '../../support/stack';

type Operation = { security?: unknown[]; responses: Record<string, unknown> };
type Paths = Record<string, Record<string, Operation>>;

/** More than the largest per-minute limit of any unauthenticated endpoint. */
const BURST = Math.max(...Object.values(PUBLIC_COMPUTATIONS_PER_MINUTE)) + 1;

describe('the OpenAPI document lists 429 and 503 where the API answers them', () => {
  let stack: TestStack;
  let paths: Paths;

  beforeAll(async () => {
    stack = await createTestStack('openapi-responses');
    paths = (await request(stack.app).get('/api/openapi.json').expect(200)).body.paths as Paths;
  });
  afterAll(async () => {
    await stack.close();
  });

  const operations = () => Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));

  it('documents 429 on exactly the operations that answer it', async () => {
    const limited: string[] = [];
    const documented: string[] = [];
    for (const { path, method, operation } of operations()) {
      if (operation.responses['429']) documented.push(`${method} ${path}`);
      // Rate limits guard the endpoints anyone can call; a signed-in user is identified instead.
      if (operation.security?.length) continue;
      const url = path.replace(/\{[^}]+\}/g, 'x');
      for (let i = 0; i < BURST; i++) {
        const call = method === 'get' ? request(stack.app).get(url) : request(stack.app)[method as 'post'](url).send({});
        if ((await call).status === 429) {
          limited.push(`${method} ${path}`);
          break;
        }
      }
    }
    expect(limited.length).toBeGreaterThanOrEqual(8);
    expect(documented.sort()).toEqual(limited.sort());
  });

  it('documents 503 on every operation except the pure reference computations', () => {
    const missing = operations().filter(({ path, operation }) => !/^\/api\/(rule-sets|rules)\b/.test(path) && !operation.responses['503']);
    expect(missing.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
    // Every signed-in operation reads the account from PostgreSQL first.
    const signedIn = operations().filter(({ operation }) => operation.security?.length);
    expect(signedIn.length).toBeGreaterThan(20);
    expect(signedIn.filter(({ operation }) => !operation.responses['503'])).toEqual([]);
  });
});
