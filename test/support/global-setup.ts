/**
 * Starts the real servers that integration tests share, on free ports, and tells test files where
 * they are through environment variables (inherited by jest's workers):
 *   TEST_DATABASE_ADMIN_URL, TEST_TEMPLATE_DATABASE  a PostgreSQL with a migrated template database;
 *   TEMPORAL_ADDRESS, TEMPORAL_CLI_PATH               a Temporal dev server (in memory);
 *   WORKFLOW_BUNDLE_PATH                              the workflow bundle, built once.
 * Each test file then takes its own database and task queue, so files run in parallel safely.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { createPrismaClient } from '../../db/client';
import { seedDemoAccounts } from '../../db/seed/demo-accounts';
import { seedReferenceData } from '../../db/seed/reference-data';
import { applyMigrations } from '../../infra/migrate';
import { findFreePort } from '../../infra/ports';
import { ensureDatabase, startEmbeddedPostgres } from '../../infra/postgres';
import { ensureTemporalBinary } from '../../infra/temporal-binary';
import { startTemporalDevServer } from '../../infra/temporal-server';
import { TEST_DEMO_PASSWORD } from './auth';
import { TEST_TEMPLATE_DATABASE } from './names';

export default async function globalSetup(): Promise<void> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccn-test-'));
  // The browser tests (test/integration/web) drive the built application: build it once here when
  // it is missing or stale, before test files run in parallel (a check of file times when fresh).
  execFileSync(process.execPath, [path.resolve(__dirname, '../../scripts/ensure-built.js'), '--web-only'], { stdio: 'inherit' });
  const binary = await ensureTemporalBinary((line) => console.log(line));
  if (binary) process.env.TEMPORAL_CLI_PATH = binary;

  const [postgres, temporal, bundle] = await Promise.all([
    findFreePort().then((port) => startEmbeddedPostgres({ dataDir: path.join(workDir, 'postgres'), port, persistent: false })),
    findFreePort().then((port) => startTemporalDevServer({ port, uiPort: null, dbFile: null, logFile: path.join(workDir, 'temporal.log') })),
    bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: undefined }),
  ]);
  const templateUrl = await ensureDatabase(postgres.adminUrl, TEST_TEMPLATE_DATABASE);
  await applyMigrations(templateUrl);
  const prisma = createPrismaClient(templateUrl, { maxConnections: 1 });
  await seedReferenceData(prisma);
  await seedDemoAccounts(prisma, TEST_DEMO_PASSWORD, 'test');
  // A template with an open connection cannot be copied.
  await prisma.$disconnect();

  const bundlePath = path.join(workDir, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, bundle.code);

  process.env.TEST_DATABASE_ADMIN_URL = postgres.adminUrl;
  process.env.TEST_TEMPLATE_DATABASE = TEST_TEMPLATE_DATABASE;
  process.env.TEMPORAL_ADDRESS = temporal.address;
  process.env.WORKFLOW_BUNDLE_PATH = bundlePath;
  globalThis.__CCN_TEST_STACK__ = { stop: [temporal.stop, postgres.stop], workDir };
}

declare global {
  var __CCN_TEST_STACK__: { stop: (() => Promise<void>)[]; workDir: string } | undefined;
}
