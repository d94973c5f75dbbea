/** The two real object stores for tests: a folder in a temp dir, and S3 against a real s3rver on a free port. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { folderStore } from '../../../storage/folder-store';
import type { ObjectStore } from '../../../storage/object-store';
import { s3Store } from '../../../storage/s3-store';

export interface TestStore {
  store: ObjectStore;
  close(): Promise<void>;
}

export function startFolderStore(): TestStore {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ccn-docs-')), 'documents');
  return { store: folderStore(dir), close: async () => fs.rmSync(path.dirname(dir), { recursive: true, force: true }) };
}

export async function startS3rverStore(): Promise<TestStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccn-s3rver-'));
  const bucket = 'ccn-documents';
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [] });
  const { port } = await server.run();
  const store = s3Store({
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  });
  // The bucket does not exist yet, as on a fresh SeaweedFS: prepare creates it.
  await store.prepare();
  return {
    store,
    close: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
