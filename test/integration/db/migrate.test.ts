import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { applyMigrations, DEFAULT_MIGRATIONS_DIR, listMigrations, markMigrationRolledBack } from '../../../infra/migrate';
import { useTestPostgres } from '../../support/postgres';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function query<T extends Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

interface Row extends Record<string, unknown> {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}

const rowsOf = (url: string) => query<Row>(url, 'SELECT * FROM _prisma_migrations ORDER BY migration_name');

/** A throw-away migrations folder with small synthetic migrations. */
function tempMigrations(migrations: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ccn-migrations-'));
  writeFileSync(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
  for (const [name, sql] of Object.entries(migrations)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

describe('applyMigrations (infra/migrate.ts)', () => {
  const pg = useTestPostgres();
  const tempDirs: string[] = [];
  afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const temp = (migrations: Record<string, string>) => {
    const dir = tempMigrations(migrations);
    tempDirs.push(dir);
    return dir;
  };

  test('applies every committed migration to an empty database with Prisma bookkeeping; a second run applies nothing', async () => {
    const db = await pg.createDatabase('migrate_all');
    const names = listMigrations().map((m) => m.name);
    expect(names.length).toBeGreaterThanOrEqual(2);

    expect(await applyMigrations(db.url)).toEqual({ applied: names });

    const rows = await rowsOf(db.url);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      expect(row.checksum).toBe(sha256(path.join(DEFAULT_MIGRATIONS_DIR, row.migration_name, 'migration.sql')));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }

    // Prisma's own DDL for the table.
    const columns = await query<{ column_name: string; type: string; nullable: string; def: string | null }>(
      db.url,
      `SELECT column_name, format_type(a.atttypid, a.atttypmod) AS type, is_nullable AS nullable, column_default AS def
       FROM information_schema.columns c JOIN pg_attribute a ON a.attrelid = '_prisma_migrations'::regclass AND a.attname = c.column_name
       WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: 'id', type: 'character varying(36)', nullable: 'NO', def: null },
      { column_name: 'checksum', type: 'character varying(64)', nullable: 'NO', def: null },
      { column_name: 'finished_at', type: 'timestamp with time zone', nullable: 'YES', def: null },
      { column_name: 'migration_name', type: 'character varying(255)', nullable: 'NO', def: null },
      { column_name: 'logs', type: 'text', nullable: 'YES', def: null },
      { column_name: 'rolled_back_at', type: 'timestamp with time zone', nullable: 'YES', def: null },
      { column_name: 'started_at', type: 'timestamp with time zone', nullable: 'NO', def: 'now()' },
      { column_name: 'applied_steps_count', type: 'integer', nullable: 'NO', def: '0' },
    ]);
    const [pk] = await query<{ def: string }>(
      db.url,
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = '_prisma_migrations'::regclass AND contype = 'p'`,
    );
    expect(pk?.def).toBe('PRIMARY KEY (id)');

    expect(await applyMigrations(db.url)).toEqual({ applied: [] });
    expect(await rowsOf(db.url)).toHaveLength(names.length);
  });

  test('two concurrent runs apply each migration exactly once', async () => {
    const db = await pg.createDatabase('migrate_concurrent');
    const names = listMigrations().map((m) => m.name);
    const [first, second] = await Promise.all([applyMigrations(db.url), applyMigrations(db.url)]);
    expect([...first.applied, ...second.applied].sort()).toEqual(names);
    const rows = await rowsOf(db.url);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
  });

  test('refuses a migration edited after it was applied, naming it', async () => {
    const db = await pg.createDatabase('migrate_edited');
    const dir = temp({
      '20260101000000_one': 'CREATE TABLE one (id int PRIMARY KEY);\n',
      '20260102000000_two': 'CREATE TABLE two (id int PRIMARY KEY);\n',
    });
    await applyMigrations(db.url, { migrationsDir: dir });
    appendFileSync(path.join(dir, '20260101000000_one', 'migration.sql'), 'ALTER TABLE one ADD COLUMN x int;\n');
    mkdirSync(path.join(dir, '20260103000000_three'));
    writeFileSync(path.join(dir, '20260103000000_three', 'migration.sql'), 'CREATE TABLE three (id int);\n');

    await expect(applyMigrations(db.url, { migrationsDir: dir })).rejects.toThrow(/20260101000000_one were modified after they were applied/);
    // nothing else was applied
    expect((await rowsOf(db.url)).map((r) => r.migration_name)).toEqual(['20260101000000_one', '20260102000000_two']);
  });

  test('accepts the same file with CRLF line endings (git autocrlf), as Prisma does', async () => {
    const db = await pg.createDatabase('migrate_crlf');
    const dir = temp({ '20260101000000_one': 'CREATE TABLE one (id int);\nCREATE TABLE one_b (id int);\n' });
    await applyMigrations(db.url, { migrationsDir: dir });
    const file = path.join(dir, '20260101000000_one', 'migration.sql');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
    expect(await applyMigrations(db.url, { migrationsDir: dir })).toEqual({ applied: [] });
  });

  test('a failing migration is rolled back, recorded as failed, and blocks later runs until resolved', async () => {
    const db = await pg.createDatabase('migrate_failed');
    const dir = temp({
      '20260101000000_ok': 'CREATE TABLE ok (id int);\n',
      '20260102000000_broken': 'CREATE TABLE half (id int);\nALTER TABLE missing ADD COLUMN x int;\n',
    });
    await expect(applyMigrations(db.url, { migrationsDir: dir })).rejects.toThrow(/20260102000000_broken.*failed[\s\S]*relation "missing" does not exist/);

    const rows = await rowsOf(db.url);
    expect(rows.map((r) => [r.migration_name, r.finished_at === null])).toEqual([
      ['20260101000000_ok', false],
      ['20260102000000_broken', true],
    ]);
    expect(rows[1]?.logs).toContain('relation "missing" does not exist');
    // its first statement was rolled back with it
    expect(await query(db.url, "SELECT 1 FROM pg_class WHERE relname = 'half'")).toHaveLength(0);

    await expect(applyMigrations(db.url, { migrationsDir: dir })).rejects.toThrow(/failed migrations[\s\S]*20260102000000_broken/);

    writeFileSync(path.join(dir, '20260102000000_broken', 'migration.sql'), 'CREATE TABLE half (id int);\n');
    await markMigrationRolledBack(db.url, '20260102000000_broken');
    expect(await applyMigrations(db.url, { migrationsDir: dir })).toEqual({ applied: ['20260102000000_broken'] });
  });

  test('refuses a non-empty database that has no migration history', async () => {
    const db = await pg.createDatabase('migrate_not_empty');
    await query(db.url, 'CREATE TABLE legacy (id int)');
    await expect(applyMigrations(db.url)).rejects.toThrow(/not empty \(tables legacy\)/);
  });

  test('a copy of the committed migrations is applied identically (checksums are of file content only)', async () => {
    const db = await pg.createDatabase('migrate_copy');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ccn-migrations-copy-'));
    tempDirs.push(dir);
    cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    await applyMigrations(db.url, { migrationsDir: dir });
    expect(await applyMigrations(db.url)).toEqual({ applied: [] });
  });
});
