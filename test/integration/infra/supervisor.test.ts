import { startServiceProcess } from '../../../infra/service-process';
import { supervise } from '../../../scripts/supervisor';

const node = (name: string, code: string) => () =>
  Promise.resolve(startServiceProcess({ name, command: process.execPath, args: ['-e', code], output: 'ignore' }));

const until = async (condition: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('npm start supervisor', () => {
  it('restarts a child that dies, with a growing pause, and logs each restart', async () => {
    const lines: string[] = [];
    const starts: number[] = [];
    const exits: number[] = [];
    const dying = node('dying', 'setTimeout(() => process.exit(3), 50)');
    const supervised = await supervise(
      'dying',
      () => {
        starts.push(Date.now());
        return dying();
      },
      {
        log: (line) => {
          if (/dừng bất ngờ/.test(line)) exits.push(Date.now());
          lines.push(line);
        },
        minBackoffMs: 100,
        maxBackoffMs: 400,
        healthyAfterMs: 60_000,
      },
    );
    await until(() => supervised.restarts >= 3, 10_000);
    await supervised.stop();
    // From a child's death to the next start: the supervisor's own pause (100, 200, 400 ms), without
    // the time node takes to boot, which on a loaded machine can exceed the whole back-off.
    const pauses = starts.slice(1).map((at, i) => at - (exits[i] as number));
    expect(pauses[1]).toBeGreaterThan(pauses[0] as number);
    expect(pauses[2]).toBeGreaterThan(pauses[1] as number);
    expect(lines.filter((line) => /dừng bất ngờ \(exit 3\)/.test(line)).length).toBeGreaterThanOrEqual(3);
    expect(lines.some((line) => /đã khởi động lại \(lần 1\)/.test(line))).toBe(true);
  });

  it('stop() ends the running child and never restarts it', async () => {
    const lines: string[] = [];
    let started = 0;
    const forever = node('forever', 'setInterval(() => undefined, 1000)');
    const supervised = await supervise(
      'forever',
      async () => {
        started += 1;
        return forever();
      },
      { log: (line) => lines.push(line), minBackoffMs: 50 },
    );
    await supervised.stop();
    await new Promise((r) => setTimeout(r, 300));
    expect(started).toBe(1);
    expect(supervised.restarts).toBe(0);
    expect(lines).toEqual([]);
  });

  it('keeps trying when a restart itself fails, until it succeeds', async () => {
    const lines: string[] = [];
    let attempts = 0;
    const supervised = await supervise(
      'flaky',
      async () => {
        attempts += 1;
        if (attempts === 2 || attempts === 3) throw new Error('cổng đang bận');
        return node('flaky', attempts === 1 ? 'process.exit(1)' : 'setInterval(() => undefined, 1000)')();
      },
      { log: (line) => lines.push(line), minBackoffMs: 20, maxBackoffMs: 80 },
    );
    await until(() => supervised.restarts === 1, 5_000);
    await supervised.stop();
    expect(attempts).toBe(4);
    expect(lines.filter((line) => /chưa khởi động lại được: cổng đang bận/.test(line))).toHaveLength(2);
  });
});
