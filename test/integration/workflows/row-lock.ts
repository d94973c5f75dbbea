import type { PrismaClient } from '../../../generated/prisma/client';
import { sleep } from './support';

/** The read-model tables whose rows a transition's activity updates. */
export type TransitionTable = 'selection_rounds' | 'dossiers';

/**
 * Holds the row of `code` in `table` locked (SELECT … FOR UPDATE in an open transaction), so the
 * next transition's activity waits on it until the returned function is called; resolves once held.
 * It lets a test send an action in the moment the workflow is recording a transition.
 */
export async function lockRow(prisma: PrismaClient, table: TransitionTable, code: string): Promise<() => Promise<void>> {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked: () => void = () => undefined;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const held = prisma.$transaction(
    async (tx) => {
      await tx.$queryRawUnsafe(`SELECT 1 FROM ${table} WHERE code = $1 FOR UPDATE`, code);
      locked();
      await released;
    },
    { timeout: 120_000 },
  );
  await Promise.race([isLocked, held]);
  return async () => {
    release();
    await held;
  };
}

/** Until some statement of this database waits on a row lock (a transition's activity on the held row). */
export async function untilWaitingOnLock(prisma: PrismaClient, timeoutMs = 60_000): Promise<void> {
  for (const started = Date.now(); ; ) {
    const [row] = await prisma.$queryRaw<[{ waiting: number }]>`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if (row.waiting > 0) return;
    if (Date.now() - started > timeoutMs) throw new Error('no transition waited on the locked row');
    await sleep(200);
  }
}
