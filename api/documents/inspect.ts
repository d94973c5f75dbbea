import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { SNIFF_BYTES, sniffDocumentType, type DocumentType } from '../../domain';

/** Why an upload stream was stopped before it reached the store in full. */
export class UploadRefused extends Error {
  constructor(
    readonly reason: 'too-large' | 'type',
    readonly detectedType?: DocumentType,
  ) {
    super(reason);
    this.name = 'UploadRefused';
  }
}

export type Inspection = { sha256: string; sizeBytes: number; type: DocumentType | undefined };

/**
 * Passes an upload through on its way to the store while hashing it, counting it and sniffing its
 * type from the first SNIFF_BYTES. It fails the stream (so the store keeps nothing) as soon as the
 * file is over `maxBytes` or its type is not one of `accepts`, instead of storing a file to refuse.
 */
export class UploadInspector extends Transform {
  private readonly hash = createHash('sha256');
  private head: Buffer[] = [];
  private headBytes = 0;
  private sniffed = false;
  private count = 0;
  private detected: DocumentType | undefined;

  constructor(
    private readonly maxBytes: number,
    private readonly accepts: readonly DocumentType[],
  ) {
    super();
  }

  get result(): Inspection {
    return { sha256: this.hash.copy().digest('hex'), sizeBytes: this.count, type: this.detected };
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.count += chunk.length;
    if (this.count > this.maxBytes) return callback(new UploadRefused('too-large'));
    this.hash.update(chunk);
    if (!this.sniffed) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes >= SNIFF_BYTES) {
        const refused = this.sniff();
        if (refused) return callback(refused);
      }
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    // An empty file has no type to judge; the caller refuses it with its own message.
    callback(!this.sniffed && this.count > 0 ? this.sniff() : null);
  }

  private sniff(): UploadRefused | undefined {
    this.sniffed = true;
    this.detected = sniffDocumentType(Buffer.concat(this.head).subarray(0, SNIFF_BYTES));
    this.head = [];
    return this.detected && this.accepts.includes(this.detected) ? undefined : new UploadRefused('type', this.detected);
  }
}
