import type { Logger } from 'pino';
import type { PrismaClient } from '../../generated/prisma/client';
import { BLOB_PREFIX, UPLOAD_PREFIX, type ObjectStore } from '../../storage/object-store';

/** Older than this, an upload in progress or an unreferenced blob belongs to no request still running. */
export const ORPHAN_AGE_MS = 30 * 60 * 1000;
const SWEEP_EVERY_MS = 10 * 60 * 1000;

/**
 * Deletes what a crash or a cut-off upload left behind: uploads/ objects and blobs that no document
 * version names, once older than `olderThanMs` (a younger one may belong to an upload between its
 * move and its commit). Returns the keys deleted.
 */
export async function sweepOrphans(prisma: PrismaClient, store: ObjectStore, now: Date, olderThanMs = ORPHAN_AGE_MS): Promise<string[]> {
  const cutoff = now.getTime() - olderThanMs;
  const deleted: string[] = [];
  for await (const object of store.list(UPLOAD_PREFIX)) {
    if (object.lastModified.getTime() < cutoff) {
      await store.delete(object.key);
      deleted.push(object.key);
    }
  }
  for await (const object of store.list(BLOB_PREFIX)) {
    if (object.lastModified.getTime() >= cutoff) continue;
    const referenced = await prisma.documentVersion.count({ where: { storageKey: object.key } });
    if (referenced === 0) {
      await store.delete(object.key);
      deleted.push(object.key);
    }
  }
  return deleted;
}

/**
 * Runs sweepOrphans at start (what a killed process left is swept as soon as it is old enough) and
 * every 10 minutes in the API process; the timer never keeps the process alive.
 */
export function startOrphanSweeps(prisma: PrismaClient, store: ObjectStore, logger: Logger, olderThanMs = ORPHAN_AGE_MS): () => void {
  const sweep = () =>
    sweepOrphans(prisma, store, new Date(), olderThanMs)
      .then((deleted) => deleted.length && logger.info({ deleted }, 'orphan document objects removed'))
      .catch((error: unknown) => logger.error({ err: error }, 'orphan document sweep failed'));
  void sweep();
  const timer = setInterval(sweep, SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
