/**
 * PostgreSQL for integration tests that need only a database (no Temporal, no API).
 *
 *   const pg = useTestPostgres();            // at the top of a test file: registers beforeAll/afterAll
 *   test('...', async () => {
 *     const db = await pg.createDatabase('my_label', { migrated: true });
 *     // db.url → postgresql://… of a fresh database, dropped in afterAll
 *   });
 *
 * Close your connections (pg Client, Prisma $disconnect) inside the test, or in an afterAll of a
 * nested describe: jest runs an outer afterAll after the inner ones, whereas hooks of one block run
 * in declaration order, so an afterAll declared after useTestPostgres() would run after the server
 * stopped (and an open pg Client would then crash the file with "terminating connection").
 *
 * When jest's global setup started a shared server (TEST_DATABASE_ADMIN_URL, and a migrated
 * template TEST_TEMPLATE_DATABASE), databases are created there; otherwise (e.g. running one file with
 * a config without globalSetup) the file starts its own embedded PostgreSQL on a free port in a temp
 * dir and stops it afterwards. Either way each database has a unique name, so files can run in parallel.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyMigrations } from '../../infra/migrate';
import { createDatabaseFromTemplate, dropDatabase, ensureDatabase, startEmbeddedPostgres } from '../../infra/postgres';
import { findFreePort } from '../../infra/ports';

export interface TestDatabase {
  name: string;
  url: string;
}

export interface TestPostgres {
  /** Superuser URL of the `postgres` database of the server in use. */
  readonly adminUrl: string;
  /** A new database: empty, or with every migration applied (`migrated: true`). Dropped in afterAll. */
  createDatabase(label: string, options?: { migrated?: boolean }): Promise<TestDatabase>;
}

interface Server {
  adminUrl: string;
  stop(): Promise<void>;
}

/** Starts (or reuses) a server for the current test file; see the module comment. */
export async function startTestPostgres(): Promise<Server & { shared: boolean }> {
  const shared = process.env.TEST_DATABASE_ADMIN_URL;
  if (shared) return { adminUrl: shared, shared: true, stop: async () => undefined };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ccn-db-test-'));
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await findFreePort(), persistent: false });
  return {
    adminUrl: server.adminUrl,
    shared: false,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function useTestPostgres(): TestPostgres {
  let server: (Server & { shared: boolean }) | undefined;
  const created: string[] = [];

  beforeAll(async () => {
    server = await startTestPostgres();
  });

  afterAll(async () => {
    if (!server) return;
    if (server.shared) for (const name of created) await dropDatabase(server.adminUrl, name);
    await server.stop();
  });

  const current = (): Server & { shared: boolean } => {
    if (!server) throw new Error('useTestPostgres(): the server is available inside tests and hooks only');
    return server;
  };

  return {
    get adminUrl() {
      return current().adminUrl;
    },
    async createDatabase(label, options = {}) {
      const { adminUrl } = current();
      const name = `t_${label.replace(/\W/g, '_').toLowerCase().slice(0, 40)}_${randomBytes(4).toString('hex')}`;
      created.push(name);
      const template = process.env.TEST_TEMPLATE_DATABASE;
      if (options.migrated && template && server?.shared) {
        return { name, url: await createDatabaseFromTemplate(adminUrl, name, template) };
      }
      const url = await ensureDatabase(adminUrl, name);
      if (options.migrated) await applyMigrations(url);
      return { name, url };
    },
  };
}
