/** Keeps one child of `npm start` running: a child that dies is started again after a growing pause. */
export interface SupervisedChild {
  /** Resolves when the child ends, whatever the reason. */
  exited: Promise<unknown>;
  stop(): Promise<void>;
}

export interface SupervisorOptions {
  log: (line: string) => void;
  /** First pause before a restart; doubled after each quick death, up to maxBackoffMs. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** A child that ran this long is healthy again: its next death restarts after minBackoffMs. */
  healthyAfterMs?: number;
}

export interface Supervised {
  readonly restarts: number;
  /** Stops restarting, then stops the running child. */
  stop(): Promise<void>;
}

/** Starts the child once (its first failure is the caller's), then restarts it whenever it dies until stop(). */
export async function supervise(name: string, start: () => Promise<SupervisedChild>, options: SupervisorOptions): Promise<Supervised> {
  const minBackoffMs = options.minBackoffMs ?? 1_000;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const healthyAfterMs = options.healthyAfterMs ?? 60_000;
  let current: SupervisedChild | undefined = await start();
  let stopping = false;
  let restarts = 0;
  let backoffMs = minBackoffMs;
  let startedAt = Date.now();
  let wake: (() => void) | undefined;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const watch = async (): Promise<void> => {
    while (!stopping && current) {
      const code = await current.exited;
      current = undefined;
      if (stopping) return;
      if (Date.now() - startedAt >= healthyAfterMs) backoffMs = minBackoffMs;
      options.log(`${name} dừng bất ngờ (exit ${String(code)}); khởi động lại sau ${backoffMs} ms`);
      for (;;) {
        await pause(backoffMs);
        if (stopping) return;
        backoffMs = Math.min(maxBackoffMs, backoffMs * 2);
        try {
          current = await start();
          if (stopping) {
            // stop() came while this start was under way: nobody else will stop it.
            await current.stop();
            return;
          }
          startedAt = Date.now();
          restarts += 1;
          options.log(`${name} đã khởi động lại (lần ${restarts})`);
          break;
        } catch (error) {
          options.log(`${name} chưa khởi động lại được: ${error instanceof Error ? error.message : String(error)}; thử lại sau ${backoffMs} ms`);
        }
      }
    }
  };
  const watching = watch();

  return {
    get restarts() {
      return restarts;
    },
    async stop() {
      stopping = true;
      wake?.();
      await current?.stop();
      await watching;
    },
  };
}
