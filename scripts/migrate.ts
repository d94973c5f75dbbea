/**
 * `npm run db:migrate`: applies the pending migrations of prisma/migrations to DATABASE_URL without
 * Prisma's native engine (infra/migrate.ts), keeping Prisma's _prisma_migrations bookkeeping.
 *
 *   DATABASE_URL=postgresql://user:pass@host:5432/db npm run db:migrate
 *   DATABASE_URL=... npm run db:migrate -- --rolled-back <migration_name>
 *       marks a failed migration as rolled back (like `prisma migrate resolve --rolled-back`), so the
 *       next run applies its fixed migration.sql again.
 *
 * After migrating it seeds the reference data (clusters, departments) that are missing, and, when
 * BOOTSTRAP_ADMIN_USERNAME and BOOTSTRAP_ADMIN_PASSWORD are set and no active administrator exists,
 * creates the first administrator: production never has demo accounts.
 */
import { createPrismaClient } from '../db/client';
import { bootstrapAdministrator } from '../db/seed/bootstrap-admin';
import { seedReferenceData } from '../db/seed/reference-data';
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

  const prisma = createPrismaClient(databaseUrl, { maxConnections: 2 });
  try {
    await seedReferenceData(prisma);
    const { BOOTSTRAP_ADMIN_USERNAME: username, BOOTSTRAP_ADMIN_PASSWORD: password, BOOTSTRAP_ADMIN_EMAIL: email } = process.env;
    if (username && password) {
      const created = await bootstrapAdministrator(prisma, { username, password, email: email ?? `${username}@localhost` });
      console.log(created ? `administrator ${username} created` : 'an active administrator exists: bootstrap skipped');
    }
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
