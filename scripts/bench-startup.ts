/**
 * `npm run bench:startup`: warm `npm start` to healthy with many open workflows (issue 13: < 10 s
 * with 10,000). Runs the real `npm start` (scripts/start.ts) in a DATA_DIR of its own on free ports,
 * files letters through its API until the wanted number of workflows is open (each letter opens a
 * round and its dossier: two workflows), stops it with Ctrl-C, starts it again and prints how long
 * the second start took to say the system is up, to answer /api/health, and to accept and record a
 * new letter (201: the worker runs). Prints figures; asserts nothing.
 *
 *   npm run bench:startup                    # 1,000 open workflows
 *   npm run bench:startup -- --open 10000
 *   npm run bench:startup -- --open 200 --settle-seconds 5   # a quick look
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createPrismaClient } from '../db/client';
import { projectRoot } from '../infra/paths';
import { findFreePort } from '../infra/ports';
import { ApiClient, fileLetter } from './bench-engine/lifecycle';
import { loadAverage } from './bench-engine/processes';
import { inPool, option } from './bench-engine/report';

const OPEN = option('open', 1_000);
const UP = /Hệ thống đã chạy/;
const SETTLE_MS = option('settle-seconds', 30) * 1000;

interface Started {
  child: ChildProcess;
  upMs: number;
  /** The lines npm start and its children printed before it was up, each with its milliseconds from the spawn. */
  phases: { ms: number; line: string }[];
  exited: Promise<void>;
}

async function npmStart(env: Record<string, string>): Promise<Started> {
  const startedAt = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot(), 'scripts/start.ts')], { cwd: projectRoot(), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let tail = '';
  const phases: Started['phases'] = [];
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      for (const line of text.split('\n')) if (line.trim() && phases.length < 60) phases.push({ ms: Date.now() - startedAt, line: line.slice(0, 110) });
      tail = (tail + text).slice(-6_000);
      if (UP.test(tail)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${tail}`)));
  });
  const upMs = Date.now() - startedAt;
  child.stdout?.removeAllListeners('data').resume();
  child.stderr?.removeAllListeners('data').resume();
  return { child, upMs, phases, exited };
}

async function stopStart(started: Started): Promise<void> {
  started.child.kill('SIGINT');
  await started.exited;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccn-bench-startup-'));
  fs.chmodSync(dataDir, 0o755);
  const ports = Object.fromEntries(
    await Promise.all(['PORT', 'EMBEDDED_POSTGRES_PORT', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'MAIL_CATCHER_SMTP_PORT', 'MAIL_CATCHER_WEB_PORT'].map(async (name) => [name, String(await findFreePort())])),
  ) as Record<string, string>;
  // LOG_LEVEL info: the worker's and the API's ready lines time the warm start's phases.
  const env = { ...ports, DATA_DIR: dataDir, NODE_ENV: 'development', LOG_LEVEL: 'info' };
  const api = new ApiClient([`http://127.0.0.1:${ports.PORT}`]);
  console.log(`bench:startup: ${OPEN} open workflows; DATA_DIR ${dataDir}; load ${loadAverage()}`);
  try {
    const first = await npmStart(env);
    console.log(`first start (new DATA_DIR): up in ${(first.upMs / 1000).toFixed(1)} s`);
    const prisma = createPrismaClient(`postgresql://postgres:postgres@127.0.0.1:${ports.EMBEDDED_POSTGRES_PORT}/ccn`, { maxConnections: 1 });
    const letters = Math.ceil(OPEN / 2) + 1;
    const codes = Array.from({ length: letters }, (_, i) => `BENCH-${String(i + 1).padStart(5, '0')}`);
    await prisma.cluster.createMany({ data: codes.map((code) => ({ code, name: `CCN thử tải ${code}`, district: 'Đức Hòa', areaHa: 50 })) });
    await prisma.$disconnect();
    const filedAt = Date.now();
    await inPool(letters - 1, 10, async (i) => void (await fileLetter(api, codes[i] as string)));
    console.log(`filed ${letters - 1} letters in ${((Date.now() - filedAt) / 1000).toFixed(0)} s`);
    // A warm start is of an idle system: the worker first finishes what the last letters started.
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    await stopStart(first);

    console.log(`second start after ${SETTLE_MS / 1000} s of settling (load ${loadAverage()})`);
    const startedAt = Date.now();
    const second = await npmStart(env);
    let healthyMs = 0;
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${ports.PORT}/api/health`).then((r) => r.ok, () => false);
      healthyMs = Date.now() - startedAt;
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await fileLetter(api, codes[letters - 1] as string);
    const recordedMs = Date.now() - startedAt;
    const connection = await Connection.connect({ address: `127.0.0.1:${ports.TEMPORAL_PORT}` });
    const { count } = await new Client({ connection }).workflow.count('ExecutionStatus="Running"');
    await connection.close();
    console.log(`warm start with ${count} open workflows (load ${loadAverage()}):`);
    console.log(`- "system is up" printed  ${(second.upMs / 1000).toFixed(1)} s`);
    console.log(`- /api/health 200         ${(healthyMs / 1000).toFixed(1)} s`);
    console.log(`- a new letter recorded   ${(recordedMs / 1000).toFixed(1)} s (201: worker running)   target < 10 s`);
    console.log('what npm start printed until it was up (seconds from its spawn):');
    for (const phase of second.phases) console.log(`  ${(phase.ms / 1000).toFixed(1).padStart(5)}  ${phase.line}`);
    await stopStart(second);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
