import { Client } from 'pg';

/**
 * Knows whether the working-day calendar may have changed since a moment it was told about, from
 * PostgreSQL's notifications (trigger calendar_entries_notify, sent at commit by any writer). `epoch`
 * moves on every notification and every (re)connection; while no listener is connected, `epoch` is
 * null and readers check the database themselves, as they always may.
 */
export interface CalendarChangeWatch {
  epoch(): number | null;
  stop(): Promise<void>;
}

const CHANNEL = 'calendar_changed';
const RECONNECT_MS = 1_000;

let active: CalendarChangeWatch | undefined;

/** The watch of this process, if one was started (the API's main starts it). */
export function calendarChangeWatch(): CalendarChangeWatch | undefined {
  return active;
}

/**
 * Listens on its own connection (outside the pool: a LISTEN must stay on one session), connecting in
 * the background and again after a lost connection, so a process started while its database is away
 * starts all the same and reads the calendar at every request until the listener is back.
 */
export function watchCalendarChanges(databaseUrl: string, onError: (error: Error) => void = () => undefined): CalendarChangeWatch {
  let epoch = 0;
  let listening = false;
  let stopped = false;
  let client: Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new Client({ connectionString: databaseUrl, keepAlive: true });
    client = next;
    const lost = (error?: Error) => {
      if (client !== next) return;
      listening = false;
      client = undefined;
      if (error) onError(error);
      next.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void connect().catch(() => undefined), RECONNECT_MS);
    };
    next.on('error', lost);
    next.on('end', () => lost());
    next.on('notification', () => (epoch += 1));
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      lost(error as Error);
      throw error;
    }
    // Anything may have changed while nobody listened: readers' caches from before are void.
    epoch += 1;
    listening = true;
  };

  void connect().catch(() => undefined);
  const watch: CalendarChangeWatch = {
    epoch: () => (listening ? epoch : null),
    stop: async () => {
      stopped = true;
      listening = false;
      clearTimeout(retry);
      if (active === watch) active = undefined;
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
  active = watch;
  return watch;
}
