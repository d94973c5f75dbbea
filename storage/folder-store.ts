import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertKey, ObjectNotFound, type ByteRange, type ObjectInfo, type ObjectStore } from './object-store';

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** Objects as files under one folder (the embedded default of `npm start`: $DATA_DIR/documents). */
export function folderStore(root: string): ObjectStore {
  const fileOf = (key: string) => path.join(root, ...assertKey(key).split('/'));

  async function* walk(dir: string, prefix: string): AsyncIterable<ObjectInfo> {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    for (const entry of entries) {
      const key = prefix ? `${prefix}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) yield* walk(full, key);
      else {
        const stat = await fs.stat(full).catch((error: unknown) => (isMissing(error) ? undefined : Promise.reject(error)));
        if (stat) yield { key, size: stat.size, lastModified: stat.mtime };
      }
    }
  }

  return {
    async prepare() {
      await fs.mkdir(root, { recursive: true });
    },
    async put(key, body: Readable) {
      const file = fileOf(key);
      // The body may fail while the folder is being made (a client gone away): its error must not go
      // unhandled; the pipeline then sees the destroyed stream and rejects.
      const ignoreUntilPiped = () => undefined;
      body.on('error', ignoreUntilPiped);
      try {
        await fs.mkdir(path.dirname(file), { recursive: true });
        await pipeline(body, createWriteStream(file, { flags: 'w' }));
      } catch (error) {
        await fs.rm(file, { force: true });
        throw error;
      } finally {
        body.off('error', ignoreUntilPiped);
      }
    },
    async get(key, range?: ByteRange) {
      const file = fileOf(key);
      // Opened before returning, so an absent object is a rejection here rather than a stream error later.
      const handle = await fs.open(file, 'r').catch((error: unknown) => Promise.reject(isMissing(error) ? new ObjectNotFound(key) : error));
      return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
    },
    async move(from, to) {
      const target = fileOf(to);
      await fs.mkdir(path.dirname(target), { recursive: true });
      // rename replaces atomically, and the moved file keeps the upload's recent mtime, which the orphan sweep relies on.
      await fs.rename(fileOf(from), target);
    },
    async delete(key) {
      await fs.rm(fileOf(key), { force: true });
    },
    list(prefix) {
      const dirPart = prefix.replace(/\/$/, '');
      if (dirPart) assertKey(dirPart);
      return walk(dirPart ? path.join(root, ...dirPart.split('/')) : root, dirPart);
    },
  };
}
