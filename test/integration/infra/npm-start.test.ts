/**
 * `npm start` itself (scripts/start.ts) on free ports and its own DATA_DIR: its supervisor brings
 * back PostgreSQL, Temporal and the API after each is SIGKILLed (the system is healthy again by
 * itself), and Ctrl-C (SIGINT) stops everything and frees every port.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../../infra/paths';
import { findFreePort } from '../../../infra/ports';

async function healthOf(apiPort: number): Promise<{ status: number; checks?: Record<string, string> } | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${apiPort}/api/health`, { signal: AbortSignal.timeout(5_000) });
    return { status: res.status, checks: ((await res.json()) as { checks?: Record<string, string> }).checks };
  } catch {
    return undefined; // not listening
  }
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return Date.now() - started;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(socket.end() && true));
    socket.once('error', () => resolve(false));
  });
}

/** The pid of start.ts's direct child whose command line contains `marker`. */
function childPid(parent: number, marker: string): number {
  const line = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(parent)], { encoding: 'utf8' })
    .split('\n')
    .find((l) => l.includes(marker));
  if (!line) throw new Error(`no child of ${parent} runs ${marker}`);
  return Number(line.trim().split(/\s+/)[0]);
}

describe('npm start heals itself', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccn-npm-start-'));
  const logFile = path.join(dataDir, 'start.log');
  const ports: Record<string, number> = {};
  let start: ChildProcess;
  let exited: Promise<number | null>;

  beforeAll(async () => {
    for (const name of ['PORT', 'EMBEDDED_POSTGRES_PORT', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'MAIL_CATCHER_SMTP_PORT', 'MAIL_CATCHER_WEB_PORT']) ports[name] = await findFreePort();
    // A developer's environment: nothing pointing at the test suite's servers (global setup set TEMPORAL_ADDRESS).
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    for (const [name, port] of Object.entries(ports)) env[name] = String(port);
    const logFd = fs.openSync(logFile, 'a');
    start = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot(), 'scripts', 'start.ts')], { cwd: projectRoot(), env, stdio: ['ignore', logFd, logFd], detached: true });
    fs.closeSync(logFd);
    exited = new Promise((resolve) => start.once('exit', (code) => resolve(code)));
  });
  afterAll(async () => {
    if (start.exitCode === null && start.signalCode === null) {
      start.kill('SIGINT');
      const timer = setTimeout(() => process.kill(-(start.pid as number), 'SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const log = () => fs.readFileSync(logFile, 'utf8');
  const healthy = async () => (await healthOf(ports.PORT as number))?.status === 200;

  it('restarts PostgreSQL, Temporal and the API after SIGKILL, then stops cleanly on Ctrl-C', async () => {
    await waitUntil(healthy, 240_000, `npm start healthy (log: ${logFile})`);
    const pid = start.pid as number;

    const postmaster = Number(fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(-postmaster, 'SIGKILL');
    const pgBackMs = await waitUntil(async () => log().includes('PostgreSQL đã khởi động lại') && (await healthy()), 60_000, 'PostgreSQL back');

    process.kill(-childPid(pid, `--port ${ports.TEMPORAL_PORT} `), 'SIGKILL');
    const temporalBackMs = await waitUntil(async () => log().includes('Temporal đã khởi động lại') && (await healthy()), 60_000, 'Temporal back');

    process.kill(-childPid(pid, 'api/main.ts'), 'SIGKILL');
    const apiBackMs = await waitUntil(async () => log().includes('API đã khởi động lại') && (await healthy()), 60_000, 'API back');
    console.log(`npm start healed: PostgreSQL in ${pgBackMs} ms, Temporal in ${temporalBackMs} ms, API in ${apiBackMs} ms after SIGKILL`);

    process.kill(pid, 'SIGINT');
    expect(await exited).toBe(0);
    for (const [name, port] of Object.entries(ports)) expect({ name, listening: await listening(port) }).toEqual({ name, listening: false });
  }, 420_000);
});
