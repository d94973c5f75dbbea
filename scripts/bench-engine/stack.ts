/**
 * The real parts the engine benchmarks run against, started for the run and stopped after it:
 * an embedded PostgreSQL (migrated, seeded, with as many bench clusters as the run needs), one
 * Temporal dev server, an SMTP server that counts what it receives, and the project's own worker
 * and API processes (worker/main.ts, api/main.ts, unchanged) or a bare Temporal worker beside them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { createPrismaClient } from '../../db/client';
import { seedDemoAccounts } from '../../db/seed/demo-accounts';
import { seedReferenceData } from '../../db/seed/reference-data';
import type { PrismaClient } from '../../generated/prisma/client';
import { applyMigrations } from '../../infra/migrate';
import { projectRoot } from '../../infra/paths';
import { findFreePort } from '../../infra/ports';
import { ensureDatabase, startEmbeddedPostgres } from '../../infra/postgres';
import { startTemporalDevServer } from '../../infra/temporal-server';

export interface Child {
  name: string;
  pid: number;
  /** Milliseconds from spawn to its "ready" log line. */
  readyMs: number;
  /** Resident set in MB, asked over IPC (memory-probe.cjs). */
  memory(): Promise<{ rssMb: number }>;
  stop(): Promise<void>;
}

export interface BenchStack {
  workDir: string;
  databaseUrl: string;
  temporalAddress: string;
  prisma: PrismaClient;
  /** Mails received by the SMTP server, with their Message-ID (for duplicate checks). */
  mails: { to: string[]; messageId: string }[];
  env: Record<string, string>;
  /** PostgreSQL's postmaster and the Temporal dev server, whose process trees the CPU split names. */
  servers: { name: string; pid: number }[];
  startWorker(taskQueue?: string): Promise<Child>;
  startApi(): Promise<Child & { baseUrl: string }>;
  startBareWorker(taskQueue: string): Promise<Child>;
  /** Clusters BENCH-00001… that letters can be filed for (each lifecycle takes its own round). */
  addClusters(count: number): Promise<string[]>;
  stop(): Promise<void>;
}

const MEMORY_PROBE = path.join(__dirname, 'memory-probe.cjs');

/** Spawns a Node process with tsx and the memory probe, and waits until a line of its output matches `ready`. */
export async function spawnNode(name: string, file: string, env: Record<string, string>, ready: RegExp): Promise<Child> {
  const startedAt = Date.now();
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the spawned processes (Node refuses it in NODE_OPTIONS).
  const extra = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child: ChildProcess = spawn(process.execPath, [...extra, '--expose-gc', '--require', MEMORY_PROBE, '--import', 'tsx', file], {
    cwd: projectRoot(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let tail = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4_000);
      if (ready.test(tail)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it was ready:\n${tail}`)));
    setTimeout(() => reject(new Error(`${name} not ready after 180 s:\n${tail}`)), 180_000).unref();
  });
  const readyMs = Date.now() - startedAt;
  // Keep draining its output so a chatty process never blocks on a full pipe.
  child.stdout?.removeAllListeners('data').resume();
  child.stderr?.removeAllListeners('data').on('data', (chunk: Buffer) => {
    if (/error|Error/.test(chunk.toString())) process.stderr.write(`[${name}] ${chunk.toString().slice(0, 500)}`);
  });
  return {
    name,
    pid: child.pid as number,
    readyMs,
    memory: () =>
      new Promise((resolve) => {
        child.once('message', (message) => resolve(message as { rssMb: number }));
        child.send('memory');
      }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function startMailCounter(): Promise<{ url: string; mails: BenchStack['mails']; stop(): Promise<void> }> {
  const mails: BenchStack['mails'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 8_000) head += chunk.toString();
      });
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), messageId: /^Message-ID:\s*(.+)$/im.exec(head)?.[1]?.trim() ?? '' });
        callback();
      });
    },
  });
  const port = await findFreePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `smtp://127.0.0.1:${port}`, mails, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export async function startBenchStack(label: string): Promise<BenchStack> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `ccn-bench-${label}-`));
  fs.chmodSync(workDir, 0o755);
  const [postgres, temporal, smtp] = await Promise.all([
    findFreePort().then((port) => startEmbeddedPostgres({ dataDir: path.join(workDir, 'postgres'), port, persistent: false })),
    findFreePort().then((port) => startTemporalDevServer({ port, uiPort: null, dbFile: null, logFile: path.join(workDir, 'temporal.log') })),
    startMailCounter(),
  ]);
  const databaseUrl = await ensureDatabase(postgres.adminUrl, 'ccn_bench');
  await applyMigrations(databaseUrl);
  const prisma = createPrismaClient(databaseUrl, { maxConnections: 4 });
  await seedReferenceData(prisma);
  await seedDemoAccounts(prisma, 'demo', 'development');

  const env: Record<string, string> = {
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    SMTP_URL: smtp.url,
    LOG_LEVEL: 'warn',
    JWT_SECRET: randomBytes(24).toString('hex'),
    PAYLOAD_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    DATA_DIR: workDir,
  };
  const children: Child[] = [];
  let clusters = 0;
  const track = <T extends Child>(child: T): T => {
    children.push(child);
    return child;
  };

  return {
    workDir,
    databaseUrl,
    temporalAddress: temporal.address,
    prisma,
    mails: smtp.mails,
    env,
    servers: [
      { name: 'PostgreSQL', pid: postgres.pid },
      { name: 'Temporal', pid: temporal.pid },
    ].filter((server): server is { name: string; pid: number } => server.pid !== undefined),
    async startWorker(taskQueue = 'investor-selection') {
      // LOG_LEVEL info for its one "worker started" line; the SDK's own logs go elsewhere.
      return track(await spawnNode('worker', 'worker/main.ts', { ...env, LOG_LEVEL: 'info', TEMPORAL_TASK_QUEUE: taskQueue }, /worker started/));
    },
    async startApi() {
      const port = await findFreePort();
      const child = await spawnNode(`api:${port}`, 'api/main.ts', { ...env, LOG_LEVEL: 'info', PORT: String(port) }, /api listening/);
      return track({ ...child, baseUrl: `http://127.0.0.1:${port}` });
    },
    async startBareWorker(taskQueue) {
      return track(await spawnNode('bare worker', path.join(__dirname, 'bare-worker.ts'), { TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: taskQueue }, /bare worker started/));
    },
    async addClusters(count) {
      const codes = Array.from({ length: count }, (_, i) => `BENCH-${String(clusters + i + 1).padStart(5, '0')}`);
      clusters += count;
      await prisma.cluster.createMany({ data: codes.map((code) => ({ code, name: `CCN thử tải ${code}`, district: 'Đức Hòa', areaHa: 50 })) });
      return codes;
    },
    async stop() {
      for (const child of children.reverse()) await child.stop();
      await prisma.$disconnect();
      await smtp.stop();
      await temporal.stop();
      await postgres.stop();
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}
