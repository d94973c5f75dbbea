/**
 * Read endpoints at scale, beside the same SQL in a bare server (`npm run bench:reads`). Seeds its
 * own embedded PostgreSQL (a temporary directory: never the development data), starts one API
 * process and one bare server (scripts/bench/bare-reads-server.ts) on it, and sends each endpoint a
 * fixed request rate, first to the API, then to the bare server. Prints p50/p99, throughput and
 * errors, and the ratio of the p99s. Figures, not assertions: not part of `npm test`.
 *
 *   npm run bench:reads                                  # 100k dossiers, 1M audit rows, 500 req/s, 10 s per endpoint
 *   npm run bench:reads -- --dossiers 20000 --audit 200000 --rate 200 --seconds 5
 *   npm run bench:reads -- --smoke                       # tiny: checks the bench itself runs
 *   npm run bench:reads -- --data /tmp/bench-reads       # keep the seeded database there and reuse it next time
 *   npm run bench:reads -- --profile /tmp/prof           # also write the API's CPU profile (.cpuprofile) there
 *   npm run bench:reads -- --only tasks                  # only the endpoints whose name contains "tasks"
 *   npm run bench:reads -- --api-node-args "--trace-gc" --api-stdout /tmp/api.log   # extra Node flags for the API; its stdout to a file
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createPrismaClient } from '../../db/client';
import { seedDemoAccounts } from '../../db/seed/demo-accounts';
import { seedReferenceData } from '../../db/seed/reference-data';
import { todayInVietnam } from '../../infra/clock';
import { applyMigrations } from '../../infra/migrate';
import { ensureDatabase, startEmbeddedPostgres } from '../../infra/postgres';
import { findFreePort } from '../../infra/ports';
import { processCpuSeconds, treeCpuSeconds } from '../bench-engine/processes';
import { fixedRate, type LoadResult } from './fixed-rate';
import { seedReads, type ReadsScale } from './seed-reads';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const scale: ReadsScale = {
  dossiers: option('dossiers', smoke ? 2_000 : 100_000),
  auditEvents: option('audit', smoke ? 20_000 : 1_000_000),
  intakeInbox: option('inbox', smoke ? 100 : 1_000),
  otherOpenTasks: option('open-tasks', smoke ? 200 : 3_000),
};
const rate = option('rate', smoke ? 50 : 500);
const seconds = option('seconds', smoke ? 1 : 10);
const ROOT = path.resolve(__dirname, '..', '..');
const textOption = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const keptData = textOption('data');
const profileDir = textOption('profile');
const only = textOption('only');
const apiNodeArgs = (textOption('api-node-args') ?? '').split(' ').filter(Boolean);
const apiStdout = textOption('api-stdout');

interface Started {
  child: ChildProcess;
  port: number;
}

async function startChild(script: string, env: Record<string, string>, ready: (port: number) => Promise<boolean>, nodeArgs: string[] = [], stdoutFile?: string): Promise<Started> {
  const port = await findFreePort();
  const stdout = stdoutFile ? fs.openSync(path.resolve(stdoutFile), 'w') : 'ignore';
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(ROOT, script)], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', stdout, 'inherit'] });
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`${script} exited (${child.exitCode})`);
    if (await ready(port).catch(() => false)) return { child, port };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill('SIGTERM');
  throw new Error(`${script} did not start`);
}

const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

async function login(port: number, username: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }) });
  return ((await response.json()) as { token: string }).token;
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '—');
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

async function main(): Promise<void> {
  const work = keptData ? path.resolve(keptData) : fs.mkdtempSync(path.join(os.tmpdir(), 'ccn-bench-reads-'));
  fs.mkdirSync(work, { recursive: true });
  const children: ChildProcess[] = [];
  const stops: Array<() => Promise<void>> = [];
  // Ctrl-C stops the children and the database too.
  const interrupt = () => void cleanUp().then(() => process.exit(130));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  async function cleanUp(): Promise<void> {
    for (const child of children.reverse()) await stopChild(child);
    children.length = 0;
    for (const stop of stops) await stop().catch(() => undefined);
    stops.length = 0;
    if (!keptData) fs.rmSync(work, { recursive: true, force: true });
  }
  try {
    const postgres = await startEmbeddedPostgres({ dataDir: path.join(work, 'postgres'), port: await findFreePort(), persistent: Boolean(keptData), fast: true });
    stops.push(postgres.stop);
    const databaseUrl = await ensureDatabase(postgres.adminUrl, 'bench_reads');
    await applyMigrations(databaseUrl);
    const prisma = createPrismaClient(databaseUrl, { maxConnections: 2 });
    await seedReferenceData(prisma);
    await seedDemoAccounts(prisma, 'demo', 'development');
    const seeded = await prisma.dossier.count();
    await prisma.$disconnect();
    const today = todayInVietnam();
    const seedStart = performance.now();
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    if (seeded === 0) {
      console.log(`seeding ${scale.dossiers.toLocaleString('en')} dossiers, ~${scale.auditEvents.toLocaleString('en')} audit events, ${scale.intakeInbox} + ${scale.otherOpenTasks} open tasks…`);
      await seedReads(client, scale, today);
    } else {
      console.log(`reusing the database seeded in ${work} (${seeded.toLocaleString('en')} dossiers; scale options ignored)`);
    }
    const sizes = await client.query<{ name: string; rows: string }>(
      `SELECT 'dossiers' AS name, count(*)::text AS rows FROM dossiers UNION ALL SELECT 'audit_events', count(*)::text FROM audit_events
       UNION ALL SELECT 'tasks', count(*)::text FROM tasks UNION ALL SELECT 'open tasks', count(*)::text FROM tasks WHERE status = 'OPEN'`,
    );
    const sample = (await client.query<{ code: string }>(`SELECT code FROM dossiers TABLESAMPLE SYSTEM (5) LIMIT 1000`)).rows.map((r) => r.code);
    await client.end();
    console.log(`${seeded === 0 ? `seeded in ${((performance.now() - seedStart) / 1000).toFixed(0)} s` : "database"}: ${sizes.rows.map((r) => `${r.name} ${Number(r.rows).toLocaleString('en')}`).join(', ')}`);

    const env = { NODE_ENV: 'development', DATABASE_URL: databaseUrl, DATA_DIR: path.join(work, 'data'), SMTP_URL: 'smtp://127.0.0.1:1', TEMPORAL_ADDRESS: '127.0.0.1:1', LOG_LEVEL: 'info' };
    const api = await startChild('api/main.ts', env, async (port) => (await fetch(`http://127.0.0.1:${port}/api/openapi.json`)).ok, [...apiNodeArgs, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [])], apiStdout);
    children.push(api.child);
    const bare = await startChild('scripts/bench/bare-reads-server.ts', { DATABASE_URL: databaseUrl }, async (port) => (await fetch(`http://127.0.0.1:${port}/dashboard`)).ok);
    children.push(bare.child);
    const ports = { api: api.port, bare: bare.port };
    const tokens = { intake: await login(ports.api, 'intake'), reviewer: await login(ports.api, 'reviewer.doc'), manager: await login(ports.api, 'manager') };
    const firstPage = (await (await fetch(`http://127.0.0.1:${ports.api}/api/dossiers`, { headers: { Authorization: `Bearer ${tokens.manager}` } })).json()) as { nextCursor: string };
    const code = (i: number) => sample[i % sample.length] as string;

    type Target = { name: string; api: (i: number) => string; bare: (i: number) => string; token: string };
    const allTargets: Target[] = [
      { name: 'GET /api/dossiers (default page)', api: () => '/api/dossiers', bare: () => '/dossiers', token: tokens.manager },
      { name: 'GET /api/dossiers?cursor= (page 2)', api: () => `/api/dossiers?cursor=${firstPage.nextCursor}`, bare: () => `/dossiers?cursor=${firstPage.nextCursor}`, token: tokens.manager },
      { name: 'GET /api/dossiers?cluster=…', api: () => '/api/dossiers?cluster=DH-LOC-GIANG-1', bare: () => '/dossiers?cluster=DH-LOC-GIANG-1', token: tokens.manager },
      { name: 'GET /api/dossiers?stage=DEPARTMENT_OPINIONS', api: () => '/api/dossiers?stage=DEPARTMENT_OPINIONS', bare: () => '/dossiers?stage=DEPARTMENT_OPINIONS', token: tokens.manager },
      { name: 'GET /api/dossiers?status=ON_HOLD', api: () => '/api/dossiers?status=ON_HOLD', bare: () => '/dossiers?status=ON_HOLD', token: tokens.manager },
      { name: 'GET /api/dossiers?overdue=true', api: () => '/api/dossiers?overdue=true', bare: () => '/dossiers?overdue=true', token: tokens.manager },
      { name: 'GET /api/dossiers/{code}', api: (i) => `/api/dossiers/${code(i)}`, bare: (i) => `/dossiers/${code(i)}`, token: tokens.manager },
      { name: `GET /api/tasks (intake inbox, ${scale.intakeInbox} open)`, api: () => '/api/tasks', bare: () => '/tasks?as=intake', token: tokens.intake },
      { name: 'GET /api/tasks?tab=overdue (intake)', api: () => '/api/tasks?tab=overdue', bare: () => '/tasks?as=intake&tab=overdue', token: tokens.intake },
      { name: 'GET /api/tasks (reviewer.doc)', api: () => '/api/tasks', bare: () => '/tasks?as=reviewer.doc', token: tokens.reviewer },
      { name: 'GET /api/dashboard', api: () => '/api/dashboard', bare: () => '/dashboard', token: tokens.manager },
    ];
    const targets = only ? allTargets.filter((target) => target.name.includes(only)) : allTargets;
    // One pass over every endpoint first, so the first one measured does not pay the processes' start
    // (JIT compilation, pools filling, the planner's first plans) alone.
    for (const target of targets) {
      await fixedRate({ port: ports.api, path: target.api, headers: { Authorization: `Bearer ${target.token}` }, rate: Math.min(rate, 200), seconds: 1 });
      await fixedRate({ port: ports.bare, path: target.bare, rate: Math.min(rate, 200), seconds: 1 });
    }
    console.log(`\n${rate} req/s for ${seconds} s per endpoint and server, one API process, one bare process (pool 10 each)\n`);
    // CPU per answered request of the server measured (its own process) and of PostgreSQL (all its
    // backends), so a slow endpoint shows whether Node or the database spends the time.
    const cpuPerRequest = async (pid: number, run: () => Promise<LoadResult>): Promise<LoadResult & { serverMs: number; databaseMs: number }> => {
      const server = processCpuSeconds(pid);
      const database = treeCpuSeconds(postgres.pid ?? -1);
      const result = await run();
      const answered = result.ok + result.errors;
      return { ...result, serverMs: ((processCpuSeconds(pid) - server) * 1000) / answered, databaseMs: ((treeCpuSeconds(postgres.pid ?? -1) - database) * 1000) / answered };
    };
    console.log(row(['endpoint', 'API p50 ms', 'API p99 ms', 'API req/s', 'API errors', 'API CPU ms/req', 'DB CPU ms/req', 'bare p50 ms', 'bare p99 ms', 'bare errors', 'bare CPU ms/req', 'bare DB CPU ms/req', 'p99 ratio']));
    console.log(row(Array(13).fill('---')));
    for (const target of targets) {
      const headers = { Authorization: `Bearer ${target.token}` };
      // Warm-up (JIT, connection pools, plans), not measured.
      await fixedRate({ port: ports.api, path: target.api, headers, rate: Math.min(rate, 200), seconds: 1 });
      await fixedRate({ port: ports.bare, path: target.bare, rate: Math.min(rate, 200), seconds: 1 });
      const a = await cpuPerRequest(api.child.pid as number, () => fixedRate({ port: ports.api, path: target.api, headers, rate, seconds }));
      const b = await cpuPerRequest(bare.child.pid as number, () => fixedRate({ port: ports.bare, path: target.bare, rate, seconds }));
      const errors = (r: LoadResult) => `${r.errors}${r.firstError ? ` (${r.firstError})` : ''}`;
      console.log(row([target.name, ms(a.p50), ms(a.p99), a.throughput.toFixed(0), errors(a), ms(a.serverMs), ms(a.databaseMs), ms(b.p50), ms(b.p99), errors(b), ms(b.serverMs), ms(b.databaseMs), (a.p99 / b.p99).toFixed(1)]));
    }
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
