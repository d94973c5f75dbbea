/**
 * The web client's types (web/src/api/openapi.ts) must be what openapi-typescript makes of the
 * live document GET /api/openapi.json serves: a route or schema changed without
 * `npm run web:api-types` fails here, before the browser finds out.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createTestStack, type TestStack } from '../../support/stack';

const ROOT = path.resolve(__dirname, '../../..');

describe('web API types', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await createTestStack('web-api-types');
  });
  afterAll(() => stack.close());

  it('match the live OpenAPI document', async () => {
    const response = await request(stack.app).get('/api/openapi.json').expect(200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ccn-openapi-')), 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(response.body));
    let output = '';
    try {
      output = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/web-api-types.ts', '--from', file, '--check'], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      const failed = error as { stderr?: string; stdout?: string };
      throw new Error(`web/src/api/openapi.ts has drifted from /api/openapi.json:\n${failed.stderr ?? ''}${failed.stdout ?? ''}`);
    }
    expect(output).toContain('match');
  });
});
