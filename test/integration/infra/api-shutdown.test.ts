import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../infra/config';
import { projectRoot } from '../../../infra/paths';
import { findFreePort, waitForPort } from '../../../infra/ports';
import { startServiceProcess } from '../../../infra/service-process';
import { createTestStack, type TestStack } from '../../support/stack';

const base = { DATABASE_URL: 'postgresql://u:p@localhost:5432/ccn', SMTP_URL: 'smtp://localhost:25' };

describe('development defaults safe on a network', () => {
  it('binds loopback unless HOST says otherwise', () => {
    expect(loadConfig({ ...base, JWT_SECRET: 'x'.repeat(16) }).HOST).toBe('127.0.0.1');
    expect(loadConfig({ ...base, JWT_SECRET: 'x'.repeat(16), HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  });

  it('without JWT_SECRET generates one random secret per DATA_DIR, kept with mode 0600; production still requires it', () => {
    const one = fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-a-'));
    const two = fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-b-'));
    try {
      const first = loadConfig({ ...base, DATA_DIR: one }).JWT_SECRET;
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(loadConfig({ ...base, DATA_DIR: one }).JWT_SECRET).toBe(first);
      expect(loadConfig({ ...base, DATA_DIR: two }).JWT_SECRET).not.toBe(first);
      expect(fs.statSync(path.join(one, 'jwt-secret')).mode & 0o777).toBe(0o600);
      expect(first).not.toBe('dev-only-secret-change-me');
      expect(() => loadConfig({ ...base, DATA_DIR: one, NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    } finally {
      fs.rmSync(one, { recursive: true, force: true });
      fs.rmSync(two, { recursive: true, force: true });
    }
  });
});

describe('API graceful stop under keep-alive traffic', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await createTestStack('api-shutdown');
  });
  afterAll(() => stack.close());

  it('finishes its drain within the bound although clients keep their connections busy, with no 5xx', async () => {
    const port = await findFreePort();
    const api = startServiceProcess({
      name: 'api',
      command: process.execPath,
      args: ['--import', 'tsx', path.join(projectRoot(), 'api', 'main.ts')],
      env: { ...stack.childEnv, PORT: String(port), LOG_LEVEL: 'warn' },
      output: 'ignore',
    });
    try {
      await waitForPort(port, 60_000);
      const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
      const statuses: number[] = [];
      let running = true;
      const get = () =>
        new Promise<void>((resolve) => {
          const req = http.get({ host: '127.0.0.1', port, path: '/api/rule-sets', agent }, (res) => {
            statuses.push(res.statusCode ?? 0);
            res.resume();
            res.on('end', resolve);
          });
          req.on('error', () => resolve());
        });
      // Eight clients that never let their keep-alive sockets go idle for long.
      const clients = Array.from({ length: 8 }, async () => {
        while (running) await get();
      });
      await new Promise((r) => setTimeout(r, 1_000));
      expect(statuses.length).toBeGreaterThan(0);
      const signalled = Date.now();
      api.child.kill('SIGTERM');
      const code = await api.exited;
      const drainMs = Date.now() - signalled;
      running = false;
      await Promise.all(clients);
      agent.destroy();
      expect(code).toBe(0);
      // The supervisor SIGKILLs after 10 s; the API's own bound is 5 s.
      expect(drainMs).toBeLessThan(7_000);
      expect(statuses.filter((status) => status >= 500)).toEqual([]);
    } finally {
      await api.stop(1_000);
    }
  }, 120_000);
});
