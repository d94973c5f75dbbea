import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { assertPortFree } from './ports';
import { ensureTemporalBinary } from './temporal-binary';
import { startServiceProcess } from './service-process';
import { SEARCH_ATTRIBUTE_DEFINITIONS } from '../workflows/search-attributes';

export interface TemporalDevServer {
  address: string;
  uiUrl: string | null;
  stop(): Promise<void>;
  /** Resolves when the server ends; never for the SDK's downloaded server, whose process is not ours to watch. */
  exited: Promise<number | null>;
  /** The server's process (its own process group), for fault tests that SIGKILL it; undefined for the SDK's download. */
  pid: number | undefined;
}

export interface TemporalDevServerOptions {
  port: number;
  /** Web UI port; null runs headless (tests). */
  uiPort: number | null;
  /** SQLite file that keeps workflows across restarts; null keeps them in memory (tests). */
  dbFile: string | null;
  /** Where the server's own log goes. */
  logFile: string | 'ignore';
  namespace?: string;
  log?: (line: string) => void;
  /** The remote codec the web UI calls to show encrypted payloads decoded (`--ui-codec-endpoint`). */
  uiCodecEndpoint?: string;
}

/** Resolves once the frontend answers a real gRPC call, not just a TCP connect. */
export async function waitForTemporal(address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  throw new Error(`Temporal ở ${address} không trả lời sau ${timeoutMs} ms: ${String(lastError)}`);
}

function searchAttributeArgs(): string[] {
  return Object.entries(SEARCH_ATTRIBUTE_DEFINITIONS).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]);
}

/**
 * Starts the Temporal CLI's dev server. Without a Go toolchain (a connected machine with neither
 * Go nor a cached binary) it falls back to the SDK's own download of the same server.
 */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const namespace = options.namespace ?? 'default';
  await assertPortFree(options.port, 'Temporal server', 'TEMPORAL_PORT');
  if (options.uiPort !== null) await assertPortFree(options.uiPort, 'Temporal web UI', 'TEMPORAL_UI_PORT');
  if (options.dbFile) fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
  const address = `127.0.0.1:${options.port}`;
  const uiUrl = options.uiPort === null ? null : `http://127.0.0.1:${options.uiPort}`;
  const binary = await ensureTemporalBinary(options.log);

  if (!binary) {
    options.log?.('Không có Go: dùng bản Temporal CLI do SDK tự tải (SDK download fallback).');
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        ip: '127.0.0.1',
        port: options.port,
        ui: options.uiPort !== null,
        uiPort: options.uiPort ?? undefined,
        dbFilename: options.dbFile ?? undefined,
        namespace,
        extraArgs: searchAttributeArgs(),
      },
    });
    return { address, uiUrl, stop: () => env.teardown(), exited: new Promise<number | null>(() => undefined), pid: undefined };
  }

  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--namespace', namespace, '--log-level', 'warn'];
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  if (options.uiPort === null) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort));
  if (options.uiPort !== null && options.uiCodecEndpoint) args.push('--ui-codec-endpoint', options.uiCodecEndpoint);
  args.push(...searchAttributeArgs());

  for (let attempt = 1; ; attempt++) {
    const logStart = options.logFile === 'ignore' || !fs.existsSync(options.logFile) ? 0 : fs.statSync(options.logFile).size;
    const server = startServiceProcess({ name: 'temporal', command: binary, args, output: options.logFile });
    const exitedEarly = server.exited.then((code) => {
      throw new EarlyExit(code, options.logFile === 'ignore' ? '' : fs.readFileSync(options.logFile).subarray(logStart).toString('utf8'));
    });
    exitedEarly.catch(() => undefined);
    try {
      await Promise.race([waitForTemporal(address, 60_000), exitedEarly]);
      return { address, uiUrl, stop: () => server.stop(), exited: server.exited, pid: server.child.pid };
    } catch (error) {
      await server.stop();
      // The CLI picks its HTTP, metrics and internal ports free, then binds them: an outgoing
      // connection of another process can take one in between. Only that is worth another start.
      if (!(error instanceof EarlyExit) || !/address already in use/.test(error.log) || attempt === 3) throw error;
      options.log?.(`Temporal dev server: một cổng vừa bị chiếm khi khởi động, thử lại (lần ${attempt + 1}).`);
    }
  }
}

/** The dev server ended while starting; the message ends with the last lines it logged. */
class EarlyExit extends Error {
  constructor(
    code: number | null,
    readonly log: string,
  ) {
    const tail = log.trim().split('\n').slice(-8).join('\n');
    super(`Temporal dev server dừng ngay khi khởi động (exit ${code})${tail ? `:\n${tail}` : ''}`);
  }
}
