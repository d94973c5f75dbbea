import { NativeConnection } from '@temporalio/worker';
import pino from 'pino';
import { createPrismaClient } from '../db/client';
import { loadConfig } from '../infra/config';
import { createMailer } from '../infra/mailer';
import { encryptingDataConverter } from '../infra/payload-codec';
import { payloadKeyring } from '../infra/payload-keys';
import { ensureSearchAttributes } from '../infra/search-attributes';
import { createWorker } from './create-worker';

/** The worker process: runs workflows and activities until SIGINT/SIGTERM, then drains and exits. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL, base: { service: 'worker' } });
  const prisma = createPrismaClient(config.DATABASE_URL, { preparedStatements: config.DATABASE_PREPARED_STATEMENTS });
  const mailer = createMailer(config.SMTP_URL, config.MAIL_FROM);
  try {
    const added = await ensureSearchAttributes(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE);
    if (added.length > 0) logger.info({ added }, 'search attributes registered');
  } catch (error) {
    // An operator may register them instead where the worker lacks the right to (e.g. a managed cluster).
    logger.warn({ err: error }, 'could not check or register search attributes');
  }
  const connection = await connectWhenTemporalIsUp(config.TEMPORAL_ADDRESS, logger);
  try {
    const worker = await createWorker({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      deps: { prisma, mailer, config },
      dataConverter: encryptingDataConverter(payloadKeyring(config)),
      cachedWorkflows: config.WORKER_CACHED_WORKFLOWS,
    });
    logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, address: config.TEMPORAL_ADDRESS }, 'worker started');
    await worker.run();
  } finally {
    await connection.close();
    await prisma.$disconnect();
    mailer.close();
  }
}

/** Temporal briefly away (restarting, still starting) is waited for, not a reason to exit for good. */
async function connectWhenTemporalIsUp(address: string, logger: pino.Logger): Promise<NativeConnection> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await NativeConnection.connect({ address });
    } catch (error) {
      const waitMs = Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
      logger.warn({ err: error, address, attempt, waitMs }, 'Temporal not reachable yet; retrying');
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
