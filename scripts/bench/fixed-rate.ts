/**
 * An open-loop load generator: requests leave at a fixed rate whatever the server does, and each
 * latency is measured from the moment its request was due to leave (so a server that stalls is
 * charged for the requests queued behind the stall, not only for the one it was slow on).
 */
import http from 'node:http';

export interface LoadOptions {
  port: number;
  /** The path of the i-th request. */
  path: (i: number) => string;
  headers?: Record<string, string>;
  rate: number;
  seconds: number;
  timeoutMs?: number;
}

export interface LoadResult {
  sent: number;
  ok: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
  /** Answers per second over the run (ok + errors), from the first request due to the last answer. */
  throughput: number;
  /** One status or error seen, for the report. */
  firstError?: string;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number) : NaN);

export function fixedRate(options: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(options.rate * options.seconds);
  const latencies: number[] = [];
  let errors = 0;
  let answered = 0;
  let firstError: string | undefined;
  const start = performance.now();
  let lastAnswer = start;
  return new Promise((resolve) => {
    const finish = () => {
      agent.destroy();
      const sorted = latencies.sort((a, b) => a - b);
      resolve({
        sent: total,
        ok: latencies.length - errors,
        errors,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted[sorted.length - 1] ?? NaN,
        throughput: answered / ((lastAnswer - start) / 1000),
        ...(firstError ? { firstError } : {}),
      });
    };
    const done = (due: number, error?: string) => {
      lastAnswer = performance.now();
      latencies.push(lastAnswer - due);
      answered += 1;
      if (error) {
        errors += 1;
        firstError ??= error;
      }
      if (answered === total) finish();
    };
    const send = (i: number, due: number) => {
      const req = http.get({ host: '127.0.0.1', port: options.port, path: options.path(i), headers: options.headers, agent, timeout: options.timeoutMs ?? 10_000 }, (res) => {
        res.resume();
        res.on('end', () => done(due, res.statusCode && res.statusCode < 400 ? undefined : `HTTP ${res.statusCode}`));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (error) => done(due, error.message));
    };
    let next = 0;
    const interval = 1000 / options.rate;
    const tick = () => {
      const now = performance.now();
      while (next < total && start + next * interval <= now) {
        send(next, start + next * interval);
        next += 1;
      }
      if (next < total) setTimeout(tick, 1);
    };
    tick();
  });
}
