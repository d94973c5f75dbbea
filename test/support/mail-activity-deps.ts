import type { ActivityDeps } from '../../activities/deps';
import { createPrismaClient } from '../../db/client';
import type { PrismaClient } from '../../generated/prisma/client';
import { createMailer, type Mailer } from '../../infra/mailer';
import { useTestPostgres } from './postgres';
import { startSmtpCatcher, type SmtpCatcher, type SmtpCatcherOptions } from './smtp';

export const TEST_MAIL_FROM = 'no-reply@ccn.test';

/**
 * For one describe block: a migrated database of its own, a real SMTP relay, and the activities'
 * dependencies on them (read the fields inside tests: they are set before the first one runs).
 */
export function useMailActivityDeps(database: string, relayOptions: SmtpCatcherOptions = {}): { prisma: PrismaClient; relay: SmtpCatcher; mailer: Mailer; deps: ActivityDeps } {
  const pg = useTestPostgres();
  const env = {} as { prisma: PrismaClient; relay: SmtpCatcher; mailer: Mailer; deps: ActivityDeps };
  beforeAll(async () => {
    env.prisma = createPrismaClient((await pg.createDatabase(database, { migrated: true })).url, { maxConnections: 4 });
    env.relay = await startSmtpCatcher(relayOptions);
    env.mailer = createMailer(env.relay.url, TEST_MAIL_FROM);
    env.deps = { prisma: env.prisma, mailer: env.mailer, config: { PUBLIC_BASE_URL: 'http://127.0.0.1' } };
  });
  afterAll(async () => {
    env.mailer.close();
    await env.relay.stop();
    await env.prisma.$disconnect();
  });
  return env;
}
