import { createHash } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import { appendAudit } from '../../db/audit';
import type { PrismaClient } from '../../generated/prisma/client';
import type { DocumentStorage } from '../../storage/config';
import type { ByteRange } from '../../storage/object-store';
import type { AuthUser } from '../auth/middleware';
import { HttpProblem, notFound } from '../http/problem';
import { assertMayRead } from './access';
import { dossierChecklist } from './checklist';
import { versionView } from './views';

/** Files up to this size are read and checked whole before the first byte is sent (see serveVersion). */
export const VERIFY_BEFORE_SENDING_BYTES = 8 * 1024 * 1024;

async function loadDossier(prisma: PrismaClient, user: AuthUser, code: string) {
  const dossier = await prisma.dossier.findUnique({ where: { code } });
  if (!dossier) throw notFound(`Không có hồ sơ mã ${code}.`);
  await assertMayRead(prisma, user, dossier);
  return dossier;
}

/** Every checklist item of the dossier with its status and its versions, newest first. */
export async function listDocuments(prisma: PrismaClient, user: AuthUser, code: string) {
  const dossier = await loadDossier(prisma, user, code);
  const { checklist, status, documents } = await dossierChecklist(prisma, dossier);
  const versionsOf = new Map(documents.map((d) => [d.itemCode, d.versions]));
  return {
    dossierCode: code,
    ruleSetId: dossier.ruleSetId,
    complete: status.complete,
    problems: status.problems,
    items: status.items.map((itemStatus, i) => {
      const item = checklist[i];
      return {
        ...itemStatus,
        evidences: item?.evidences ?? [],
        acceptedTypes: item?.accepts ?? [],
        maxBytes: item?.maxBytes ?? 0,
        versions: (versionsOf.get(itemStatus.code) ?? []).map((v) => versionView(v, itemStatus.code, code)),
      };
    }),
  };
}

/** Holds back the last chunk until the whole file has been hashed, so a corrupt file never arrives complete. */
class VerifyingPassThrough extends Transform {
  private readonly hash = createHash('sha256');
  private held: Buffer | undefined;

  constructor(
    private readonly expected: string,
    private readonly onMismatch: () => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    const previous = this.held;
    this.held = chunk;
    callback(null, previous);
  }

  override _flush(callback: TransformCallback): void {
    if (this.hash.digest('hex') !== this.expected) {
      this.onMismatch();
      return callback(new Error('sha256 mismatch'));
    }
    callback(null, this.held);
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function requestedRange(req: Request, size: number): ByteRange | undefined | 'unsatisfiable' {
  if (!req.headers.range) return undefined;
  const ranges = req.range(size, { combine: true });
  if (ranges === -1) return 'unsatisfiable';
  // A malformed or multi-part Range is ignored, as RFC 9110 allows: the whole file is sent.
  if (ranges === -2 || ranges === undefined || ranges.type !== 'bytes' || ranges.length !== 1) return undefined;
  const [range] = ranges;
  return range ? { start: range.start, end: range.end } : undefined;
}

/**
 * Sends one version, checked against its sha256. Small files (and any file already found corrupt
 * once) are checked whole before the headers go out, so a mismatch is a clean 500 problem. A large
 * file is streamed while hashed, its last chunk held back: on a mismatch the connection is cut
 * before the file is complete, the version is marked corrupt, and the next request gets the clean
 * problem. A Range of a large file is served without its own check (a part cannot be checked against
 * the whole file's hash); every full read checks it.
 */
export async function serveVersion(prisma: PrismaClient, storage: DocumentStorage, user: AuthUser, code: string, versionId: string, req: Request, res: Response): Promise<void> {
  const dossier = await loadDossier(prisma, user, code);
  const version = await prisma.documentVersion.findFirst({ where: { id: versionId, document: { dossierId: dossier.id } }, include: { document: true } });
  if (!version) throw notFound(`Hồ sơ ${code} không có bản tài liệu ${versionId}.`);
  const label = `${version.document.itemCode} bản ${version.version} ("${version.fileName}")`;

  const markCorrupt = async () => {
    await prisma.$transaction(async (tx) => {
      await tx.documentVersion.updateMany({ where: { id: version.id, corruptAt: null }, data: { corruptAt: new Date() } });
      await appendAudit(tx, {
        actor: user.username,
        action: 'document.integrity-failed',
        entityType: 'DocumentVersion',
        entityId: version.id,
        dossierCode: code,
        newValue: { item: version.document.itemCode, version: version.version, storageKey: version.storageKey, expectedSha256: version.sha256 },
      });
    });
    req.log?.error({ versionId: version.id, storageKey: version.storageKey }, 'document sha256 mismatch');
  };
  const corruptProblem = () =>
    new HttpProblem(
      500,
      'Tệp lưu trữ bị hỏng (stored file corrupt)',
      `Tài liệu ${label} trong kho lưu trữ không khớp mã sha256 lúc tải lên, nên không được gửi đi. Sự cố đã được ghi vào nhật ký; cán bộ tiếp nhận cần tải lên lại bản gốc, hoặc quản trị viên khôi phục tệp từ bản sao lưu.`,
      { versionId: version.id, item: version.document.itemCode },
    );

  const range = requestedRange(req, version.sizeBytes);
  if (range === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${version.sizeBytes}`);
    throw new HttpProblem(416, 'Khoảng byte không hợp lệ (Range Not Satisfiable)', `Tệp dài ${version.sizeBytes} byte; yêu cầu Range nằm ngoài tệp.`);
  }
  const checkFirst = version.sizeBytes <= VERIFY_BEFORE_SENDING_BYTES || version.corruptAt !== null;
  let whole: Buffer | undefined;
  if (checkFirst) {
    const small = version.sizeBytes <= VERIFY_BEFORE_SENDING_BYTES;
    const stream = await storage.store.get(version.storageKey);
    whole = small ? await readAll(stream) : undefined;
    const actual = whole ? createHash('sha256').update(whole).digest('hex') : await sha256Of(stream);
    if (actual !== version.sha256) {
      await markCorrupt();
      throw corruptProblem();
    }
    if (version.corruptAt !== null) {
      // The blob was restored (from a backup): the version is sound again.
      await prisma.documentVersion.update({ where: { id: version.id }, data: { corruptAt: null } });
    }
  }

  await prisma.$transaction((tx) =>
    appendAudit(tx, {
      actor: user.username,
      action: 'document.downloaded',
      entityType: 'DocumentVersion',
      entityId: version.id,
      dossierCode: code,
      newValue: { item: version.document.itemCode, version: version.version, ...(range ? { range: `${range.start}-${range.end}` } : {}) },
    }),
  );

  res.attachment(version.fileName);
  res.type(version.contentType);
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('ETag', `"${version.sha256}"`);
  res.setHeader('Cache-Control', 'private, no-store');
  if (range) {
    res.status(206).setHeader('Content-Range', `bytes ${range.start}-${range.end}/${version.sizeBytes}`);
    res.setHeader('Content-Length', String(range.end - range.start + 1));
  } else {
    res.setHeader('Content-Length', String(version.sizeBytes));
  }
  if (whole) {
    res.end(range ? whole.subarray(range.start, range.end + 1) : whole);
    return;
  }
  const source = await storage.store.get(version.storageKey, range);
  if (range) {
    await pipeline(source, res).catch(() => undefined);
    return;
  }
  let mismatch = false;
  await pipeline(source, new VerifyingPassThrough(version.sha256, () => (mismatch = true)), res).catch(() => undefined);
  if (mismatch) await markCorrupt();
}
