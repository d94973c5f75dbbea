import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from './paths';

const run = promisify(execFile);

/**
 * The Temporal CLI carries the dev server (SQLite persistence, web UI). v1.5.1 is the newest tag
 * that `go install` accepts; later tags carry a `replace` directive (see shared/ENVIRONMENT.md).
 */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
export const TEMPORAL_CLI_VERSION = 'v1.5.1';

export function cachedTemporalBinaryPath(): string {
  return path.join(projectRoot(), '.tools', `temporal-cli-${TEMPORAL_CLI_VERSION}`, 'temporal');
}

async function hasGo(): Promise<boolean> {
  try {
    await run('go', ['version']);
    return true;
  } catch {
    return false;
  }
}

/**
 * Path of a Temporal CLI binary: TEMPORAL_CLI_PATH if set, else the project's cached build, else a
 * fresh build from the Go module proxy into the git-ignored .tools folder. Returns null when no
 * binary can be had this way (no Go toolchain); callers then fall back to the SDK's own download.
 */
export async function ensureTemporalBinary(log: (line: string) => void = () => undefined): Promise<string | null> {
  const configured = process.env.TEMPORAL_CLI_PATH;
  if (configured) {
    if (!fs.existsSync(configured)) throw new Error(`TEMPORAL_CLI_PATH=${configured} không tồn tại (file not found)`);
    return configured;
  }
  const target = cachedTemporalBinaryPath();
  if (fs.existsSync(target)) return target;
  if (!(await hasGo())) return null;

  const binDir = path.dirname(target);
  const partialDir = `${binDir}.partial`;
  fs.rmSync(partialDir, { recursive: true, force: true });
  fs.mkdirSync(partialDir, { recursive: true });
  log(`Đang dựng Temporal CLI ${TEMPORAL_CLI_VERSION} từ Go module proxy (lần đầu mất vài phút)…`);
  const started = Date.now();
  await run('go', ['install', `${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}`], {
    env: { ...process.env, GOBIN: partialDir, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  // Rename last, so an interrupted build never leaves a half-written binary at the cached path.
  fs.rmSync(binDir, { recursive: true, force: true });
  fs.renameSync(partialDir, binDir);
  log(`Temporal CLI sẵn sàng sau ${Math.round((Date.now() - started) / 1000)} s: ${target}`);
  return target;
}
