/**
 * Temporal payload encryption. Every payload the API, the worker and the tests send to Temporal
 * (workflow inputs, activity arguments and results, Update arguments, query answers, memos) is
 * encrypted with AES-256-GCM before it leaves the process, because dossier inputs and mail requests
 * carry the applicant's name, tax code and e-mail and Temporal stores them for as long as the
 * history lives. Search attributes are not payloads and are never encrypted: keep personal data
 * out of them.
 *
 * An encrypted payload is the original Payload message, serialised and encrypted, with metadata
 * `encoding: binary/encrypted` and the id of the key. Decoding passes through any payload without
 * that encoding, so histories recorded before encryption still replay and show.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type DataConverter, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { z } from 'zod';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface PayloadKey {
  id: string;
  key: Buffer;
}

/** The keys in force: the first encrypts, every one decrypts (rotation: put the new key first, keep the old ones). */
export type PayloadKeyring = readonly [PayloadKey, ...PayloadKey[]];

const utf8 = new TextEncoder();
const text = new TextDecoder();

function decodeBase64Key(value: string): Buffer | null {
  const key = Buffer.from(value, 'base64');
  // Buffer.from ignores what is not base64: a round trip tells a real key from a typo.
  return key.length === KEY_BYTES && key.toString('base64').replace(/=+$/, '') === value.replace(/=+$/, '') ? key : null;
}

/** `PAYLOAD_KEYS="keyId1:base64key,keyId2:base64key"`: each key 32 random bytes in base64 (`openssl rand -base64 32`). */
export const PayloadKeysSchema = z.string().transform((value, ctx): PayloadKeyring => {
  const keys: PayloadKey[] = [];
  for (const [index, entry] of value.split(',').map((part) => part.trim()).entries()) {
    const separator = entry.indexOf(':');
    const id = separator < 0 ? '' : entry.slice(0, separator);
    const key = separator < 0 ? null : decodeBase64Key(entry.slice(separator + 1));
    if (!KEY_ID.test(id) || !key) {
      ctx.addIssue({
        code: 'custom',
        message: `khoá thứ ${index + 1} phải có dạng <mã khoá>:<32 byte base64> (mã khoá gồm chữ, số, . _ -; tạo khoá bằng: openssl rand -base64 32)`,
      });
      return z.NEVER;
    }
    if (keys.some((k) => k.id === id)) {
      ctx.addIssue({ code: 'custom', message: `mã khoá "${id}" bị lặp; mỗi khoá cần một mã riêng` });
      return z.NEVER;
    }
    keys.push({ id, key });
  }
  return keys as unknown as PayloadKeyring;
});

export function generatePayloadKey(id: string): string {
  return `${id}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

export class EncryptionCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: PayloadKeyring) {
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (isEncrypted(payload) ? payload : this.encrypt(payload)));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (isEncrypted(payload) ? this.decrypt(payload) : payload));
  }

  private encrypt(payload: Payload): Payload {
    const { id, key } = this.keys[0];
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    // The key id is authenticated too: metadata pointing at another key fails instead of misdecoding.
    cipher.setAAD(utf8.encode(id));
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const encrypted = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: { [METADATA_ENCODING_KEY]: utf8.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8.encode(id) },
      data: encrypted,
    };
  }

  private decrypt(payload: Payload): Payload {
    const idBytes = payload.metadata?.[KEY_ID_METADATA];
    const id = idBytes ? text.decode(idBytes) : '';
    const key = this.byId.get(id);
    if (!key) {
      throw new Error(`Không giải mã được dữ liệu Temporal: khoá "${id}" không có trong PAYLOAD_KEYS (payload key not configured); thêm lại khoá cũ vào cuối danh sách.`);
    }
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) throw new Error(`Dữ liệu Temporal đã mã hoá bị hỏng (encrypted payload too short, key "${id}").`);
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
    decipher.setAAD(utf8.encode(id));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    try {
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain);
    } catch {
      throw new Error(`Dữ liệu Temporal đã mã hoá không khớp khoá "${id}" (payload authentication failed): khoá sai hoặc dữ liệu bị sửa.`);
    }
  }
}

export function isEncrypted(payload: Payload): boolean {
  const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
  return encoding !== undefined && encoding !== null && text.decode(encoding) === ENCRYPTED_ENCODING;
}

/** The data converter every Temporal client and worker of the project uses. */
export function encryptingDataConverter(keys: PayloadKeyring): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keys)] };
}
