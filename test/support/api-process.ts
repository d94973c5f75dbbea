import path from 'node:path';
import { projectRoot } from '../../infra/paths';
import { startServiceProcess, type ServiceProcess } from '../../infra/service-process';
import { killProcessGroup } from './worker-process';

/** An answer of the API over HTTP, or none (the process is down). */
export type Outcome = { status: number; body: Record<string, unknown> } | { status: 'unreachable' };

/**
 * What the README tells a client to retry with the same Idempotency-Key: the API unreachable, a 503,
 * a 409 InProgress (an earlier try's record still held), a 202 (accepted, not yet recorded).
 */
export const retryable = (outcome: Outcome): boolean =>
  outcome.status === 'unreachable' || outcome.status === 202 || outcome.status === 503 || (outcome.status === 409 && outcome.body.reason === 'InProgress');

/**
 * The real API (api/main.ts) as a child process on `port`, in its own process group so that a test
 * can SIGKILL it and start it again as the supervisor does, and a client that talks to it over HTTP.
 */
export class ApiProcess {
  private readonly processes: ServiceProcess[] = [];

  constructor(
    private readonly env: Record<string, string>,
    readonly port: number,
  ) {}

  start(): ServiceProcess {
    const api = startServiceProcess({ name: 'api', command: process.execPath, args: ['--import', 'tsx', path.join(projectRoot(), 'api', 'main.ts')], env: { ...this.env, PORT: String(this.port) }, output: 'ignore' });
    this.processes.push(api);
    return api;
  }

  /** SIGKILL of the process running now (tsx and node together), resolved once it is gone. */
  async kill(): Promise<void> {
    const current = this.processes.at(-1);
    if (current) await killProcessGroup(current);
  }

  async stop(): Promise<void> {
    for (const p of this.processes) await p.stop(5_000);
  }

  async call(method: string, url: string, headers: Record<string, string>, body?: object): Promise<Outcome> {
    try {
      const res = await fetch(`http://127.0.0.1:${this.port}${url}`, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: body ? JSON.stringify(body) : undefined });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    } catch {
      return { status: 'unreachable' };
    }
  }

  async untilUp(timeoutMs = 90_000): Promise<void> {
    for (const started = Date.now(); (await this.call('GET', '/api/health', {})).status !== 200; ) {
      if (Date.now() - started > timeoutMs) throw new Error('API not up');
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** A bearer header for a demo account, signed in through this API. */
  async signIn(username: string, password: string): Promise<Record<string, string>> {
    const login = await this.call('POST', '/api/auth/login', {}, { username, password });
    if (login.status !== 200) throw new Error(`login ${username}: ${JSON.stringify(login)}`);
    return { Authorization: `Bearer ${String(login.body.token)}` };
  }

  /**
   * A keyed POST retried with the same key, as the README says, until the `final` status; every
   * answer goes into `outcomes`. Any other answer (a 409 WrongStage, a 5xx other than 503) fails.
   */
  async untilFinal(auth: Record<string, string>, url: string, key: string, body: object, final: number, outcomes: Outcome[], giveUpMs = 150_000): Promise<Record<string, unknown>> {
    for (const started = Date.now(); ; ) {
      const outcome = await this.call('POST', url, { ...auth, 'Idempotency-Key': key }, body);
      outcomes.push(outcome);
      if (outcome.status === final) return (outcome as { body: Record<string, unknown> }).body;
      if (!retryable(outcome) || Date.now() - started > giveUpMs) throw new Error(`${key}: ${JSON.stringify(outcome)}`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}

/** Answers counted by status, for the test's log line. */
export const tally = (outcomes: Outcome[]) => outcomes.reduce<Record<string, number>>((counts, o) => ({ ...counts, [String(o.status)]: (counts[String(o.status)] ?? 0) + 1 }), {});
