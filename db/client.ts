/**
 * The Prisma Client of the application, on PostgreSQL through the `pg` driver adapter (Prisma 7 has no
 * native query engine: the client is JS + WASM and talks to PostgreSQL through node-postgres).
 *
 *   import { createPrismaClient } from '../db/client';
 *   const prisma = createPrismaClient(process.env.DATABASE_URL!);
 *   await prisma.dossier.findUnique({ where: { code } });
 *   await prisma.$disconnect(); // closes the pool
 *
 * Types, enums and the Prisma namespace come from the generated client (`npm install` generates it,
 * or `node scripts/prisma-generate.js`): `import { Prisma, DossierStage, type Dossier } from '../generated/prisma/client'`.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export { Prisma, PrismaClient } from '../generated/prisma/client';

export interface PrismaClientOptions {
  /** Maximum connections of the pool; default 10. */
  maxConnections?: number;
  /** Log Prisma's queries to stdout (debugging). */
  logQueries?: boolean;
}

export function createPrismaClient(databaseUrl: string, options: PrismaClientOptions = {}): PrismaClient {
  if (!databaseUrl) throw new Error('createPrismaClient: a PostgreSQL URL is required (DATABASE_URL)');
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  return new PrismaClient({ adapter, log: options.logQueries ? ['query', 'warn', 'error'] : ['warn'] });
}
