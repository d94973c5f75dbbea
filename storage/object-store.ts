import type { Readable } from 'node:stream';

export type ObjectInfo = { key: string; size: number; lastModified: Date };

/** Inclusive byte range, as in HTTP Range. */
export type ByteRange = { start: number; end: number };

/**
 * Where document bytes live. Keys are slash-separated lowercase names chosen by the system
 * (never by a user). The two implementations (folder, S3) behave the same: the integration tests
 * run one suite against both.
 */
export interface ObjectStore {
  /** Makes the store usable (creates the folder or the bucket when absent); called once at start. */
  prepare(): Promise<void>;
  /** Stores the whole stream under key; rejects (and leaves no object) when the stream errors. */
  put(key: string, body: Readable): Promise<void>;
  /** The object's bytes, or only `range` of them; rejects with ObjectNotFound when absent. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** Moves an object to another key, replacing what is there. */
  move(from: string, to: string): Promise<void>;
  /** Deletes an object; absent is fine. */
  delete(key: string): Promise<void>;
  /** Every object under a folder-like prefix ("uploads/"). */
  list(prefix: string): AsyncIterable<ObjectInfo>;
}

export class ObjectNotFound extends Error {
  constructor(readonly key: string) {
    super(`object ${key} not found`);
    this.name = 'ObjectNotFound';
  }
}

const KEY = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*$/;

/** Refuses a key that could leave the store's folder or be read differently by two backends. */
export function assertKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`invalid object key: ${JSON.stringify(key)}`);
  return key;
}

/** Where a stored file of this sha256 lives: one blob per content, fanned out by its first byte. */
export const blobKey = (sha256: string) => assertKey(`blobs/${sha256.slice(0, 2)}/${sha256}`);
export const BLOB_PREFIX = 'blobs/';
/** Uploads in progress: moved to their blob key once complete and checked. */
export const UPLOAD_PREFIX = 'uploads/';
