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
  /** Longest wait for a connection (new or from the pool), ms; default 5 s. */
  connectionTimeoutMs?: number;
  /** Longest a statement may run on the server, ms; default 10 s. A frozen or overloaded database then fails fast instead of hanging requests. */
  statementTimeoutMs?: number;
}

const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;
const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;

export function createPrismaClient(databaseUrl: string, options: PrismaClientOptions = {}): PrismaClient {
  if (!databaseUrl) throw new Error('createPrismaClient: a PostgreSQL URL is required (DATABASE_URL)');
  const statementTimeout = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    // statement_timeout bounds the server's work; query_timeout also bounds a server that stopped answering (frozen, network gone).
    statement_timeout: statementTimeout,
    query_timeout: statementTimeout + 2_000,
    // A dead peer is noticed by TCP keep-alive instead of a request hanging on a half-open socket.
    keepAlive: true,
  });
  return new PrismaClient({ adapter, log: options.logQueries ? ['query', 'warn', 'error'] : ['warn'] });
}
