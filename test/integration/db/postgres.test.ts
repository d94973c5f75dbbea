import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createDatabaseFromTemplate, ensureDatabase, startEmbeddedPostgres } from '../../../infra/postgres';
import { findFreePort } from '../../../infra/ports';

async function scalar(url: string, sql: string): Promise<unknown> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = (await client.query(sql)) as unknown;
    // A multi-statement string yields one result per statement: keep the last.
    const last = (Array.isArray(result) ? result[result.length - 1] : result) as { rows: Record<string, unknown>[] };
    return last.rows[0] ? Object.values(last.rows[0])[0] : undefined;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL (infra/postgres.ts)', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ccn-pg-test-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  test('a port in use gives an error naming the port, before anything starts', async () => {
    const port = await findFreePort();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const dataDir = path.join(tempDir(), 'pg');
      await expect(startEmbeddedPostgres({ dataDir, port, persistent: false })).rejects.toThrow(`port ${port} is already in use`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  test('a relative data dir is refused', async () => {
    await expect(startEmbeddedPostgres({ dataDir: 'relative/pg', port: await findFreePort(), persistent: false })).rejects.toThrow(/absolute path/);
  });

  test('a persistent cluster keeps its databases across restarts; helpers create databases', async () => {
    const dataDir = path.join(tempDir(), 'nested', 'pg');
    const first = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), persistent: true });
    try {
      const url = await ensureDatabase(first.adminUrl, 'kept');
      expect(await ensureDatabase(first.adminUrl, 'kept')).toBe(url); // idempotent
      await scalar(url, `CREATE TABLE t (name text); INSERT INTO t VALUES ('Đức Hòa')`);
      const copyUrl = await createDatabaseFromTemplate(first.adminUrl, 'kept_copy', 'kept');
      expect(await scalar(copyUrl, 'SELECT upper(name) FROM t')).toBe('ĐỨC HÒA');
      expect(await scalar(url, 'SHOW server_encoding')).toBe('UTF8');
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), persistent: true });
    try {
      expect(await scalar(second.databaseUrl('kept'), 'SELECT name FROM t')).toBe('Đức Hòa');
    } finally {
      await second.stop();
      await second.stop(); // idempotent
    }
  });
});
