import path from 'node:path';
import { z } from 'zod';
import { folderStore } from './folder-store';
import type { ObjectStore } from './object-store';
import { s3Store } from './s3-store';

const MB = 1024 * 1024;

const StorageSchema = z.object({
  DATA_DIR: z.string().min(1).default('.data'),
  /** Where document files go: "folder" ($DOCUMENTS_DIR) or "s3" (the S3_* settings). */
  DOCUMENT_STORE: z.enum(['folder', 's3']).optional(),
  DOCUMENTS_DIR: z.string().min(1).optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().min(3).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
  /** Cap on any one file, below each checklist item's own limit. */
  DOCUMENT_MAX_FILE_MB: z.coerce.number().int().min(1).max(2000).default(200),
  /** Cap on all versions of all documents of one dossier together. */
  DOCUMENT_MAX_DOSSIER_MB: z.coerce.number().int().min(1).max(1_000_000).default(2000),
  /** Age after which an unfinished upload or a blob no version names is deleted by the sweep. */
  DOCUMENT_ORPHAN_MINUTES: z.coerce.number().int().min(1).max(10_080).default(30),
});

export type DocumentLimits = { maxFileBytes: number; maxDossierBytes: number };

export type DocumentStorage = { store: ObjectStore; limits: DocumentLimits; description: string; orphanAgeMs?: number };

/**
 * The document store and limits from the environment. S3 is chosen by DOCUMENT_STORE=s3 or by
 * setting S3_BUCKET; otherwise files go to a folder under DATA_DIR. A bad setting throws naming it.
 */
export function documentStorageFromEnv(env: NodeJS.ProcessEnv = process.env): DocumentStorage {
  const parsed = StorageSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Cấu hình lưu trữ tài liệu không hợp lệ (invalid document storage configuration):\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const limits = { maxFileBytes: c.DOCUMENT_MAX_FILE_MB * MB, maxDossierBytes: c.DOCUMENT_MAX_DOSSIER_MB * MB };
  const orphanAgeMs = c.DOCUMENT_ORPHAN_MINUTES * 60_000;
  const kind = c.DOCUMENT_STORE ?? (c.S3_BUCKET ? 's3' : 'folder');
  if (kind === 's3') {
    if (!c.S3_BUCKET) throw new Error('DOCUMENT_STORE=s3 cần S3_BUCKET (tên bucket lưu tài liệu).');
    const store = s3Store({
      endpoint: c.S3_ENDPOINT,
      bucket: c.S3_BUCKET,
      region: c.S3_REGION,
      accessKeyId: c.S3_ACCESS_KEY_ID,
      secretAccessKey: c.S3_SECRET_ACCESS_KEY,
      forcePathStyle: c.S3_FORCE_PATH_STYLE === 'true',
    });
    return { store, limits, orphanAgeMs, description: `s3://${c.S3_BUCKET}${c.S3_ENDPOINT ? ` at ${c.S3_ENDPOINT}` : ''}` };
  }
  const dir = path.resolve(c.DOCUMENTS_DIR ?? path.join(c.DATA_DIR, 'documents'));
  return { store: folderStore(dir), limits, orphanAgeMs, description: dir };
}
