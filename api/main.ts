import type { ServerResponse } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { watchChanges } from '../db/change-notifications';
import { createPrismaClient } from '../db/client';
import { activeDemoAccounts } from '../db/seed/demo-accounts';
import { loadConfig } from '../infra/config';
import { createMailer } from '../infra/mailer';
import { encryptingDataConverter } from '../infra/payload-codec';
import { payloadKeyring } from '../infra/payload-keys';
import { documentStorageFromEnv } from '../storage/config';
import { createApp } from './app';
import { startOrphanSweeps } from './documents/sweep';
import { answerClientErrorsWithProblems } from './http/client-error';
import { TEMPORAL_CHANNEL_ARGS } from './http/temporal-ready';

/** Longest wait for requests in flight at shutdown; under the supervisor's 10 s grace. */
const DRAIN_MS = 5_000;

/** The API process. Temporal connects lazily, so the API answers /api/health even while Temporal is down. */
async function main(): Promise<void> {
  const config = loadConfig();
  // Asynchronous destination: a request's log line is queued, not written to stdout inside the
  // request (pino flushes what is queued when the process exits).
  const logger = pino({ level: config.LOG_LEVEL, base: { service: 'api' } }, pino.destination({ dest: 1, sync: false }));
  const prisma = createPrismaClient(config.DATABASE_URL, { preparedStatements: config.DATABASE_PREPARED_STATEMENTS });
  if (config.NODE_ENV === 'production') {
    // The demo accounts share a published password: production must not run while one can log in.
    const demo = await activeDemoAccounts(prisma);
    if (demo.length > 0) {
      await prisma.$disconnect();
      throw new Error(`NODE_ENV=production nhưng còn tài khoản demo đang hoạt động (active demo accounts): ${demo.join(', ')}. Khoá hoặc xoá chúng trước khi chạy.`);
    }
  }
  // The calendar index and signed-in accounts stay in memory between the changes PostgreSQL notifies.
  const changes = watchChanges(config.DATABASE_URL, (error) => logger.warn({ err: error.message }, 'change listener lost; reconnecting'));
  const mailer = createMailer(config.SMTP_URL, config.MAIL_FROM);
  const connection = Connection.lazy({ address: config.TEMPORAL_ADDRESS, channelArgs: TEMPORAL_CHANNEL_ARGS });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: encryptingDataConverter(payloadKeyring(config)) });
  const documents = documentStorageFromEnv();
  await documents.store.prepare();
  logger.info({ store: documents.description }, 'documents store');
  const stopSweeps = startOrphanSweeps(prisma, documents.store, logger, documents.orphanAgeMs);
  const app = createApp({ config, prisma, temporal, mailer, logger, documents });

  const server = app.listen(config.PORT, config.HOST);
  answerClientErrorsWithProblems(server);
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      console.error(`Cổng ${config.PORT} đang bị chiếm (port in use): dừng tiến trình đang dùng cổng này hoặc đặt PORT khác.`);
    } else {
      console.error(error.message);
    }
    process.exit(1);
  });
  server.on('listening', () => logger.info({ host: config.HOST, port: config.PORT }, 'api listening'));

  let draining = false;
  // While draining, every answer asks its client to reconnect elsewhere, so keep-alive sockets close after it.
  server.on('request', (_request, response: ServerResponse) => {
    if (draining) response.shouldKeepAlive = false;
  });
  const shutdown = () => {
    if (draining) return;
    draining = true;
    logger.info({ drainMs: DRAIN_MS }, 'api draining');
    stopSweeps();
    const finish = (code: number) =>
      void Promise.allSettled([connection.close(), prisma.$disconnect(), changes.stop()]).then(() => {
        mailer.close();
        process.exit(code);
      });
    // The drain is bounded, so the supervisor never needs SIGKILL: what is still open then is cut.
    const bound = setTimeout(() => {
      logger.warn('api drain bound reached; closing remaining connections');
      server.closeAllConnections();
    }, DRAIN_MS);
    server.close(() => {
      clearTimeout(bound);
      finish(0);
    });
    server.closeIdleConnections();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
