import { Client } from 'pg';

/**
 * Knows whether something a process keeps in memory may have changed since a moment it was told
 * about, from PostgreSQL's notifications (sent at commit by triggers, whoever the writer):
 * - `calendar_changed`: the working-day calendar (trigger calendar_entries_notify);
 * - `accounts_changed`: users, their roles, standing council seats and departments, which signing in
 *   reads (triggers *_accounts_notify).
 * Each channel's `epoch` moves on each of its notifications and on every (re)connection; while no
 * listener is connected it is null and readers check the database themselves, as they always may.
 */
export const CHANGE_CHANNELS = ['calendar_changed', 'accounts_changed'] as const;
export type ChangeChannel = (typeof CHANGE_CHANNELS)[number];

export interface ChangeWatch {
  epoch(channel: ChangeChannel): number | null;
  stop(): Promise<void>;
}

const RECONNECT_MS = 1_000;

let active: ChangeWatch | undefined;

/** The watch of this process, if one was started (the API's main starts it). */
export function changeWatch(): ChangeWatch | undefined {
  return active;
}

const isChannel = (name: string): name is ChangeChannel => (CHANGE_CHANNELS as readonly string[]).includes(name);

/**
 * Listens on its own connection (outside the pool: a LISTEN must stay on one session), connecting in
 * the background and again after a lost connection, so a process started while its database is away
 * starts all the same and reads at every request until the listener is back.
 */
export function watchChanges(databaseUrl: string, onError: (error: Error) => void = () => undefined): ChangeWatch {
  const epochs: Record<ChangeChannel, number> = { calendar_changed: 0, accounts_changed: 0 };
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
    next.on('notification', (message) => {
      if (isChannel(message.channel)) epochs[message.channel] += 1;
    });
    try {
      await next.connect();
      await next.query(CHANGE_CHANNELS.map((channel) => `LISTEN ${channel};`).join(' '));
    } catch (error) {
      lost(error as Error);
      throw error;
    }
    // Anything may have changed while nobody listened: readers' caches from before are void.
    for (const channel of CHANGE_CHANNELS) epochs[channel] += 1;
    listening = true;
  };

  void connect().catch(() => undefined);
  const watch: ChangeWatch = {
    epoch: (channel) => (listening ? epochs[channel] : null),
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
