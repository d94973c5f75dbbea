import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

export interface ServiceProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** SIGTERM, then SIGKILL after graceMs; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
  /** Resolves with the exit code when the process ends on its own. */
  readonly exited: Promise<number | null>;
}

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Where stdout and stderr go: a file path, 'inherit' for the parent's console, or 'ignore'. */
  output: string | 'inherit' | 'ignore';
}

/**
 * A long-running child process owned by this one. Children get their own process group so that
 * Ctrl-C in a terminal reaches the supervisor first and it can stop each child in order.
 */
export function startServiceProcess(spec: ServiceSpec): ServiceProcess {
  const logFd = spec.output === 'inherit' || spec.output === 'ignore' ? null : fs.openSync(spec.output, 'a');
  const stdio = logFd === null ? ['ignore', spec.output, spec.output] : ['ignore', logFd, logFd];
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env },
    stdio: stdio as ('inherit' | 'ignore' | number)[],
    detached: true,
  });
  // The child holds its own copy of the log file descriptor.
  if (logFd !== null) fs.closeSync(logFd);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  return {
    name: spec.name,
    child,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
