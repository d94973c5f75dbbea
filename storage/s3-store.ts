import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  NoSuchKey,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';
import { assertKey, ObjectNotFound, type ObjectStore } from './object-store';

export type S3Settings = {
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
};

/**
 * Objects in an S3-compatible bucket (SeaweedFS, Ceph RGW, a cloud provider). Uploads go through
 * lib-storage's multipart Upload, which streams a body of unknown length in 5 MB parts instead of
 * buffering it; an aborted stream aborts the multipart upload, so no object appears.
 */
export function s3Store(settings: S3Settings): ObjectStore {
  const config: S3ClientConfig = {
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    // Many S3-compatible servers do not understand the SDK's default streaming checksums (aws-chunked trailers); our own sha256 guards the content.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.accessKeyId && settings.secretAccessKey
      ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } }
      : {}),
  };
  const client = new S3Client(config);
  const Bucket = settings.bucket;

  return {
    async prepare() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
      } catch (error) {
        // A fresh SeaweedFS (the compose service) starts without buckets; a province's own store usually has it already.
        if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 404) throw error;
        await client.send(new CreateBucketCommand({ Bucket }));
      }
    },
    async put(key, body: Readable) {
      const upload = new Upload({ client, params: { Bucket, Key: assertKey(key), Body: body } });
      // A body that errors mid-way leaves lib-storage waiting for data that never comes: abort it ourselves.
      const onError = () => void upload.abort();
      body.once('error', onError);
      try {
        await upload.done();
      } finally {
        body.off('error', onError);
      }
      if (body.errored) throw body.errored;
    },
    async get(key, range) {
      try {
        const response = await client.send(
          new GetObjectCommand({ Bucket, Key: assertKey(key), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
        );
        return response.Body as Readable;
      } catch (error) {
        if (error instanceof NoSuchKey) throw new ObjectNotFound(key);
        throw error;
      }
    },
    async move(from, to) {
      await client.send(new CopyObjectCommand({ Bucket, Key: assertKey(to), CopySource: `${Bucket}/${assertKey(from)}` }));
      await client.send(new DeleteObjectCommand({ Bucket, Key: from }));
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: assertKey(key) }));
    },
    async *list(prefix) {
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken }));
        for (const item of page.Contents ?? []) {
          if (item.Key) yield { key: item.Key, size: item.Size ?? 0, lastModified: item.LastModified ?? new Date(0) };
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
  };
}
