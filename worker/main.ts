import { NativeConnection } from '@temporalio/worker';
import pino from 'pino';
import { createPrismaClient } from '../db/client';
import { loadConfig } from '../infra/config';
import { createMailer } from '../infra/mailer';
import { createWorker } from './create-worker';

/** The worker process: runs workflows and activities until SIGINT/SIGTERM, then drains and exits. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL, base: { service: 'worker' } });
  const prisma = createPrismaClient(config.DATABASE_URL);
  const mailer = createMailer(config.SMTP_URL, config.MAIL_FROM);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const worker = await createWorker({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      deps: { prisma, mailer, config },
    });
    logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, address: config.TEMPORAL_ADDRESS }, 'worker started');
    await worker.run();
  } finally {
    await connection.close();
    await prisma.$disconnect();
    mailer.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
