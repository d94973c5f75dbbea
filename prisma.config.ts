/**
 * Prisma 7 CLI configuration (`prisma generate`, and `prisma migrate deploy|status` on a machine that
 * can download Prisma's native engine). The schema has no URL: it comes from DATABASE_URL here, and
 * from db/client.ts (driver adapter) at run time. Prisma 7 does not read .env files.
 *
 * Offline, use: `npm run postinstall` (scripts/prisma-generate.js) to generate the client,
 * `npm run db:migrate` (infra/migrate.ts) to apply migrations, and scripts/migration-diff.ts to write
 * a new migration.
 */
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL },
});
