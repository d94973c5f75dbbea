/**
 * schema.prisma and prisma/migrations must describe the same database. Database A gets every committed
 * migration (infra/migrate.ts); database B gets the SQL that Prisma itself derives from schema.prisma
 * (`prisma migrate diff --from-empty`, JS engine of Prisma 6). Their catalogues must be equal, apart from
 * _prisma_migrations and the hand-written additions that schema.prisma cannot express (triggers and
 * functions, plus anything listed in HAND_WRITTEN below).
 *
 * When it fails: write the missing migration (scripts/migration-diff.ts), or fix the schema.
 */
import { Client } from 'pg';
import { applyMigrations } from '../../../infra/migrate';
import { prismaMigrateDiffSql } from '../../../scripts/migration-diff';
import { useTestPostgres } from '../../support/postgres';

/** Catalogue keys that only the hand-written migrations create (besides triggers and functions). */
const HAND_WRITTEN = new Set<string>(['index dossiers_open_list', 'index tasks_open_reviewer_pool']);

type Catalogue = Map<string, string>;

async function catalogue(url: string): Promise<Catalogue> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const entries: Catalogue = new Map();
  try {
    const schema = "n.nspname = 'public'";
    const enums = await client.query<{ name: string; labels: string[] }>(
      `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE ${schema} GROUP BY t.typname`,
    );
    for (const row of enums.rows) entries.set(`enum ${row.name}`, row.labels.join(', '));

    const relations = await client.query<{ name: string; kind: string }>(
      `SELECT c.relname AS name, c.relkind::text AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE ${schema} AND c.relkind IN ('r', 'v', 'm', 'p', 'S') AND c.relname <> '_prisma_migrations'`,
    );
    for (const row of relations.rows) entries.set(`relation ${row.name}`, row.kind);

    const columns = await client.query<Record<string, string | null>>(
      `SELECT table_name, column_name, data_type, udt_name, character_maximum_length::text AS len,
              numeric_precision::text AS prec, numeric_scale::text AS scale, datetime_precision::text AS dtprec,
              is_nullable, column_default, is_identity
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    for (const c of columns.rows) {
      entries.set(
        `column ${c.table_name}.${c.column_name}`,
        `${c.data_type}/${c.udt_name} len=${c.len} prec=${c.prec} scale=${c.scale} dtprec=${c.dtprec} ` +
          `nullable=${c.is_nullable} default=${c.column_default} identity=${c.is_identity}`,
      );
    }

    const constraints = await client.query<{ tbl: string; name: string; def: string }>(
      `SELECT cl.relname AS tbl, co.conname AS name, pg_get_constraintdef(co.oid) AS def
       FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
       WHERE ${schema} AND cl.relname <> '_prisma_migrations'`,
    );
    for (const row of constraints.rows) entries.set(`constraint ${row.tbl}.${row.name}`, row.def);

    const indexes = await client.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    for (const row of indexes.rows) entries.set(`index ${row.name}`, row.def);

    const extensions = await client.query<{ name: string }>(`SELECT extname AS name FROM pg_extension WHERE extname <> 'plpgsql'`);
    for (const row of extensions.rows) entries.set(`extension ${row.name}`, 'installed');
  } finally {
    await client.end();
  }
  return entries;
}

function describeDifferences(fromMigrations: Catalogue, fromSchema: Catalogue): string[] {
  const lines: string[] = [];
  for (const [key, value] of fromMigrations) {
    if (HAND_WRITTEN.has(key)) continue;
    if (!fromSchema.has(key)) lines.push(`only in prisma/migrations: ${key} (${value})`);
    else if (fromSchema.get(key) !== value) lines.push(`differs: ${key}\n    migrations:    ${value}\n    schema.prisma: ${fromSchema.get(key)}`);
  }
  for (const [key, value] of fromSchema) {
    if (!fromMigrations.has(key)) lines.push(`only in schema.prisma: ${key} (${value})`);
  }
  return lines.sort();
}

describe('schema.prisma and prisma/migrations', () => {
  const pg = useTestPostgres();

  test('describe the same database', async () => {
    const [migrated, fromSchema, scratch] = await Promise.all([
      pg.createDatabase('drift_migrations'),
      pg.createDatabase('drift_schema'),
      pg.createDatabase('drift_engine_scratch'),
    ]);
    const [, sql] = await Promise.all([
      applyMigrations(migrated.url),
      prismaMigrateDiffSql({ from: { kind: 'empty' }, databaseUrl: scratch.url }),
    ]);
    const client = new Client({ connectionString: fromSchema.url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }

    const a = await catalogue(migrated.url);
    const b = await catalogue(fromSchema.url);
    expect(b.size).toBeGreaterThan(50); // the comparison really saw the schema
    const differences = describeDifferences(a, b);
    if (differences.length > 0) {
      throw new Error(
        `prisma/schema.prisma and prisma/migrations disagree (${differences.length} difference(s)).\n` +
          `Create the missing migration: npx tsx scripts/migration-diff.ts --name <change>\n\n${differences.join('\n')}`,
      );
    }
  });

  test('the hand-written audit trigger is present only via the migrations', async () => {
    const db = await pg.createDatabase('drift_triggers', { migrated: true });
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ tgname: string }>(
        `SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_events'::regclass AND NOT tgisinternal ORDER BY tgname`,
      );
      // Append-only (20261128025200_audit_append_only); stage durations for the dashboard (20261203183000_read_model_at_scale).
      expect(rows.map((r) => r.tgname)).toEqual(['audit_events_no_truncate', 'audit_events_no_update_or_delete', 'audit_events_stage_durations']);
    } finally {
      await client.end();
    }
  });
});
