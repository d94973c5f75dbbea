import path from 'node:path';
import { documentStorageFromEnv } from '../../../storage/config';

describe('document storage from the environment', () => {
  test('defaults: a folder under DATA_DIR, 200 MB a file, 2000 MB a dossier, orphans swept after 30 minutes', () => {
    const storage = documentStorageFromEnv({ DATA_DIR: '/srv/ccn' });
    expect(storage.description).toBe(path.resolve('/srv/ccn/documents'));
    expect(storage.limits).toEqual({ maxFileBytes: 200 * 1024 * 1024, maxDossierBytes: 2000 * 1024 * 1024 });
    expect(storage.orphanAgeMs).toBe(30 * 60_000);
  });

  test('S3 is chosen by S3_BUCKET; a bad limit or S3 without a bucket stops the start naming the setting', () => {
    expect(documentStorageFromEnv({ S3_BUCKET: 'ho-so', S3_ENDPOINT: 'http://s3.local:8333' }).description).toBe('s3://ho-so at http://s3.local:8333');
    expect(() => documentStorageFromEnv({ DOCUMENT_MAX_FILE_MB: 'lots' })).toThrow('DOCUMENT_MAX_FILE_MB');
    expect(() => documentStorageFromEnv({ DOCUMENT_STORE: 's3' })).toThrow('S3_BUCKET');
  });
});
