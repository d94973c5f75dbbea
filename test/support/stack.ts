/**
 * What one integration test file needs from the shared servers that global-setup started: its own
 * database (a copy of the migrated, seeded template), its own task queue, a real SMTP server, a
 * Temporal client, an in-process worker and the Express app wired to all of them.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import pino from 'pino';
import type { Express } from 'express';
import { createApp } from '../../api/app';
import type { ApiDeps } from '../../api/deps';
import { createPrismaClient } from '../../db/client';
import type { PrismaClient } from '../../generated/prisma/client';
import { loadConfig } from '../../infra/config';
import { createMailer, type Mailer } from '../../infra/mailer';
import { createDatabaseFromTemplate, dropDatabase } from '../../infra/postgres';
import { folderStore } from '../../storage/folder-store';
import { createWorker } from '../../worker/create-worker';
import { TEST_PAYLOAD_KEYS, testDataConverter } from './payload-keys';
import { startSmtpCatcher, type SmtpCatcher } from './smtp';

export interface TestStack {
  databaseName: string;
  databaseUrl: string;
  taskQueue: string;
  prisma: PrismaClient;
  smtp: SmtpCatcher;
  mailer: Mailer;
  temporal: Client;
  deps: ApiDeps;
  app: Express;
  /** Environment for a worker or API started as a child process against this stack. */
  childEnv: Record<string, string>;
  startWorker(): Promise<RunningWorker>;
  close(): Promise<void>;
}

export interface RunningWorker {
  worker: Worker;
  stop(): Promise<void>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: integration tests run through jest's integration project (npm test)`);
  return value;
}

export async function createTestStack(label: string): Promise<TestStack> {
  const adminUrl = required('TEST_DATABASE_ADMIN_URL');
  const suffix = randomBytes(4).toString('hex');
  const databaseName = `t_${label.replace(/\W/g, '_').toLowerCase()}_${suffix}`;
  const databaseUrl = await createDatabaseFromTemplate(adminUrl, databaseName, required('TEST_TEMPLATE_DATABASE'));
  const taskQueue = `test-${label}-${suffix}`;
  const temporalAddress = required('TEMPORAL_ADDRESS');

  const smtp = await startSmtpCatcher();
  const childEnv = {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    WORKFLOW_ID_PREFIX: `t${suffix}-`,
    SMTP_URL: smtp.url,
    LOG_LEVEL: 'warn',
    PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
  };
  const config = loadConfig(childEnv);
  const prisma = createPrismaClient(databaseUrl, { maxConnections: 10 });
  const mailer = createMailer(smtp.url, config.MAIL_FROM);
  const connection = await Connection.connect({ address: temporalAddress });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: testDataConverter() });
  // Each stack's documents in a folder of its own, never in the developer's .data.
  const documentsDir = fs.mkdtempSync(path.join(os.tmpdir(), `ccn-${label.replace(/\W/g, '_')}-docs-`));
  const documents = { store: folderStore(documentsDir), limits: { maxFileBytes: 200 * 1024 * 1024, maxDossierBytes: 2000 * 1024 * 1024 }, description: documentsDir };
  const deps: ApiDeps = { config, prisma, temporal, mailer, logger: pino({ level: 'silent' }), documents };
  const workers: RunningWorker[] = [];

  return {
    databaseName,
    databaseUrl,
    taskQueue,
    prisma,
    smtp,
    mailer,
    temporal,
    deps,
    app: createApp(deps),
    childEnv,
    async startWorker() {
      const nativeConnection = await NativeConnection.connect({ address: temporalAddress });
      const worker = await createWorker({
        connection: nativeConnection,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue,
        deps: { prisma, mailer, config },
        dataConverter: testDataConverter(),
        workflowBundle: { code: fs.readFileSync(required('WORKFLOW_BUNDLE_PATH'), 'utf8') },
      });
      const running = worker.run();
      let stopped: Promise<void> | undefined;
      const handle: RunningWorker = {
        worker,
        // Idempotent: a test that stops its worker itself (e.g. to start another one) is closed again by close().
        stop() {
          stopped ??= (async () => {
            if (worker.getState() === 'RUNNING') worker.shutdown();
            await running;
            await nativeConnection.close();
          })();
          return stopped;
        },
      };
      workers.push(handle);
      return handle;
    },
    async close() {
      for (const w of workers) await w.stop();
      await connection.close();
      await prisma.$disconnect();
      mailer.close();
      await smtp.stop();
      await dropDatabase(adminUrl, databaseName);
      fs.rmSync(documentsDir, { recursive: true, force: true });
    },
  };
}
