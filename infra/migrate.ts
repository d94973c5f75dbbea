/**
 * Applies the committed Prisma migrations (prisma/migrations/<name>/migration.sql) to PostgreSQL
 * without Prisma's native schema engine, which cannot be downloaded on offline machines. The
 * bookkeeping is Prisma's own, so `prisma migrate deploy|status` on a connected machine agrees:
 *
 *   - table `_prisma_migrations`, created with the schema engine's DDL (sql-schema-connector,
 *     flavour/postgres.rs, create_migrations_table);
 *   - `checksum` = lowercase hex SHA-256 of the migration.sql content (schema-connector checksum.rs);
 *     when verifying, a file whose only difference is LF vs CRLF line endings matches, as in Prisma;
 *   - a row is inserted with started_at when a migration starts; on success applied_steps_count is
 *     incremented and finished_at set; on failure `logs` holds the error and finished_at stays NULL
 *     (a "failed migration", which blocks later runs, as P3009 does in Prisma);
 *   - session advisory lock 72707369 (Prisma's) so concurrent runs apply each migration once;
 *   - on a non-empty database without `_prisma_migrations`, refuse (Prisma's P3005).
 *
 * Stricter than `prisma migrate deploy`: each migration runs in its own transaction together with its
 * bookkeeping row (so a crash leaves no half-applied migration and no stale "started" row), and an
 * already-applied migration whose file changed since is refused.
 *
 * A `?schema=<name>` parameter in the URL is honoured like Prisma does (search_path).
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

/** Prisma Migrate's advisory lock id ("It does not have any meaning, but it should not be used by any other tool"). */
export const PRISMA_MIGRATE_LOCK_ID = 72707369;

/** Exactly the DDL of Prisma's schema engine for PostgreSQL. */
export const PRISMA_MIGRATIONS_TABLE_DDL = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
`;

export const DEFAULT_MIGRATIONS_DIR = path.resolve(__dirname, '..', 'prisma', 'migrations');

export interface MigrationFile {
  name: string;
  /** Content of migration.sql, as read (UTF-8). */
  script: string;
  checksum: string;
}

export interface ApplyMigrationsOptions {
  /** Default: prisma/migrations of this repository. */
  migrationsDir?: string;
  /** How long to wait for another process holding the migration lock; default 120 s. */
  lockTimeoutMs?: number;
  /** Progress messages (one per applied migration); default: none. */
  log?: (message: string) => void;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Prisma's checksum of a migration script: SHA-256 of its UTF-8 bytes, lowercase hex. */
export function migrationChecksum(script: string): string {
  return createHash('sha256').update(script, 'utf8').digest('hex');
}

/** Prisma's script_matches_checksum: as is, with CRLF→LF, or with LF→CRLF. */
export function scriptMatchesChecksum(script: string, checksum: string): boolean {
  return [script, script.replace(/\r\n/g, '\n'), script.replace(/\n/g, '\r\n')].some((variant) => migrationChecksum(variant) === checksum);
}

/** The migrations on disk, in Prisma's order (directory names sorted). */
export function listMigrations(migrationsDir: string = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  if (!existsSync(migrationsDir)) throw new MigrationError(`migrations directory not found: ${migrationsDir}`);
  const lockFile = path.join(migrationsDir, 'migration_lock.toml');
  if (existsSync(lockFile)) {
    const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(readFileSync(lockFile, 'utf8'))?.[1];
    if (provider && provider !== 'postgresql') {
      throw new MigrationError(`${lockFile} says provider = "${provider}", but these migrations are applied to PostgreSQL`);
    }
  }
  return readdirSync(migrationsDir)
    .filter((entry) => statSync(path.join(migrationsDir, entry)).isDirectory())
    .sort()
    .map((name) => {
      const file = path.join(migrationsDir, name, 'migration.sql');
      if (!existsSync(file)) throw new MigrationError(`migration ${name} has no migration.sql (${file})`);
      const script = readFileSync(file, 'utf8');
      return { name, script, checksum: migrationChecksum(script) };
    });
}

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  started_at: Date;
  logs: string | null;
}

function splitSchemaParam(databaseUrl: string): { connectionString: string; schema?: string } {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new MigrationError('applyMigrations: DATABASE_URL is not a valid postgresql:// URL');
  }
  const schema = url.searchParams.get('schema') ?? undefined;
  url.searchParams.delete('schema');
  return { connectionString: url.toString(), schema };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function connect(databaseUrl: string): Promise<Client> {
  const { connectionString, schema } = splitSchemaParam(databaseUrl);
  const client = new Client({ connectionString, application_name: 'ccn-migrate' });
  await client.connect();
  try {
    await client.query("SET client_min_messages = 'warning'");
    if (schema) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await client.query(`SET search_path TO ${quoteIdent(schema)}`);
    }
  } catch (err) {
    await client.end();
    throw err;
  }
  return client;
}

async function acquireLock(client: Client, timeoutMs: number): Promise<void> {
  await client.query(`SET lock_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_ID]);
  } catch (err) {
    if ((err as { code?: string }).code === '55P03') {
      throw new MigrationError(
        `another process has held the migration lock (advisory lock ${PRISMA_MIGRATE_LOCK_ID}) for more than ${timeoutMs} ms; is a migration still running?`,
      );
    }
    throw err;
  } finally {
    await client.query('RESET lock_timeout');
  }
}

async function migrationsTableExists(client: Client): Promise<boolean> {
  const { rows } = await client.query<{ exists: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE c.relname = '_prisma_migrations' AND c.relkind = 'r' AND n.nspname = current_schema()) AS exists`,
  );
  return rows[0]?.exists ?? false;
}

/** Prisma's MigrationPersistence::initialize: create the table on an empty schema, refuse a non-empty one. */
async function initializeBookkeeping(client: Client): Promise<void> {
  if (await migrationsTableExists(client)) return;
  const { rows } = await client.query<{ relname: string }>(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r' AND n.nspname = current_schema() ORDER BY 1 LIMIT 5`,
  );
  if (rows.length > 0) {
    throw new MigrationError(
      `the database schema is not empty (tables ${rows.map((r) => r.relname).join(', ')}) and has no _prisma_migrations table: ` +
        'it was not created by these migrations. Use an empty database, or baseline it (Prisma P3005).',
    );
  }
  await client.query(PRISMA_MIGRATIONS_TABLE_DDL);
}

function describeFailed(rows: MigrationRow[]): string {
  return rows
    .map((row) => {
      const logs = row.logs?.trim() ? ` with the following logs:\n${row.logs.trim()}` : '';
      return `The \`${row.migration_name}\` migration started at ${row.started_at.toISOString()} failed${logs}`;
    })
    .join('\n');
}

/** Applies every migration not yet applied, in order. Returns the names it applied (empty when up to date). */
export async function applyMigrations(databaseUrl: string, options: ApplyMigrationsOptions = {}): Promise<{ applied: string[] }> {
  const migrations = listMigrations(options.migrationsDir);
  const log = options.log ?? (() => undefined);
  const client = await connect(databaseUrl);
  try {
    await acquireLock(client, options.lockTimeoutMs ?? 120_000);
    try {
      await initializeBookkeeping(client);
      const { rows } = await client.query<MigrationRow>(
        'SELECT id, checksum, migration_name, finished_at, rolled_back_at, started_at, logs FROM _prisma_migrations ORDER BY started_at ASC',
      );

      const failed = rows.filter((row) => row.finished_at === null && row.rolled_back_at === null);
      if (failed.length > 0) {
        throw new MigrationError(
          `migrations found failed migrations in the target database; new migrations will not be applied (Prisma P3009).\n${describeFailed(failed)}\n` +
            'Each migration ran in a transaction, so a failed one left no schema changes: fix its migration.sql, then mark it rolled back ' +
            '(`npm run db:migrate -- --rolled-back <name>`, or `prisma migrate resolve --rolled-back <name>`) and migrate again.',
        );
      }

      const applied = rows.filter((row) => row.rolled_back_at === null && row.finished_at !== null);
      const byName = new Map(migrations.map((m) => [m.name, m]));
      const edited = applied.filter((row) => {
        const file = byName.get(row.migration_name);
        return file !== undefined && !scriptMatchesChecksum(file.script, row.checksum);
      });
      if (edited.length > 0) {
        throw new MigrationError(
          `migration(s) ${edited.map((r) => r.migration_name).join(', ')} were modified after they were applied to this database ` +
            `(checksum of migration.sql differs from _prisma_migrations.checksum). Never edit an applied migration: ` +
            'restore the file from git and put the change in a new migration (scripts/migration-diff.ts).',
        );
      }

      const appliedNames = new Set(applied.map((row) => row.migration_name));
      const pending = migrations.filter((m) => !appliedNames.has(m.name));
      const done: string[] = [];
      for (const migration of pending) {
        await applyOne(client, migration);
        log(`applied migration ${migration.name}`);
        done.push(migration.name);
      }
      return { applied: done };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_ID]).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}

async function applyOne(client: Client, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query('BEGIN');
  try {
    await client.query('INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES ($1, $2, now(), $3)', [
      id,
      migration.checksum,
      migration.name,
    ]);
    await client.query(migration.script); // simple query protocol: the whole multi-statement script
    await client.query('UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1 WHERE id = $1', [id]);
    await client.query('UPDATE _prisma_migrations SET finished_at = clock_timestamp() WHERE id = $1', [id]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    const pgErr = err as { message?: string; code?: string; position?: string };
    const logs = `Migration \`${migration.name}\` failed to apply cleanly to the database\n` +
      `Database error code: ${pgErr.code ?? 'unknown'}\nDatabase error:\n${pgErr.message ?? String(err)}` +
      (pgErr.position ? `\nPosition: ${pgErr.position}` : '');
    // Record the failure as Prisma does (finished_at NULL + logs) so it is visible and blocks later runs.
    await client
      .query('INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name, logs) VALUES ($1, $2, now(), $3, $4)', [
        id,
        migration.checksum,
        migration.name,
        logs,
      ])
      .catch(() => undefined);
    throw new MigrationError(`${logs}\n(The migration was rolled back: no change from it remains in the database.)`);
  }
}

/**
 * Marks a failed migration as rolled back, like `prisma migrate resolve --rolled-back <name>`, so that
 * the next run applies it again. Only a failed (unfinished) migration can be marked.
 */
export async function markMigrationRolledBack(databaseUrl: string, name: string): Promise<void> {
  const client = await connect(databaseUrl);
  try {
    await acquireLock(client, 120_000);
    try {
      if (!(await migrationsTableExists(client))) throw new MigrationError('this database has no _prisma_migrations table');
      const { rowCount } = await client.query(
        'UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL',
        [name],
      );
      if (!rowCount) throw new MigrationError(`no failed migration named ${name} is recorded in this database`);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_ID]).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}
