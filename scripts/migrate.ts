/**
 * `npm run db:migrate`: applies the pending migrations of prisma/migrations to DATABASE_URL without
 * Prisma's native engine (infra/migrate.ts), keeping Prisma's _prisma_migrations bookkeeping.
 *
 *   DATABASE_URL=postgresql://user:pass@host:5432/db npm run db:migrate
 *   DATABASE_URL=... npm run db:migrate -- --rolled-back <migration_name>
 *       marks a failed migration as rolled back (like `prisma migrate resolve --rolled-back`), so the
 *       next run applies its fixed migration.sql again.
 */
import { applyMigrations, markMigrationRolledBack } from '../infra/migrate';

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set (postgresql://user:password@host:port/database)');
  const args = process.argv.slice(2);
  if (args[0] === '--rolled-back') {
    const name = args[1];
    if (!name) throw new Error('usage: npm run db:migrate -- --rolled-back <migration_name>');
    await markMigrationRolledBack(databaseUrl, name);
    console.log(`marked ${name} as rolled back`);
    return;
  }
  if (args.length > 0) throw new Error(`unknown arguments: ${args.join(' ')}`);
  const { applied } = await applyMigrations(databaseUrl, { log: (message) => console.log(message) });
  console.log(applied.length ? `${applied.length} migration(s) applied` : 'database is up to date: no pending migration');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
