import { randomUUID } from 'node:crypto';
import busboy from 'busboy';
import type { Request } from 'express';
import { checkFileName, checklistFor, DOCUMENT_TYPE_NAMES, type ChecklistItem } from '../../domain';
import { appendAudit } from '../../db/audit';
import { Prisma, type PrismaClient } from '../../generated/prisma/client';
import { blobKey, UPLOAD_PREFIX } from '../../storage/object-store';
import type { DocumentStorage } from '../../storage/config';
import type { AuthUser } from '../auth/middleware';
import { IDEMPOTENCY_HEADER } from '../http/idempotency';
import { badRequest, conflict, HttpProblem, notFound, unprocessable } from '../http/problem';
import { UploadInspector, UploadRefused, type Inspection } from './inspect';
import { versionView, type VersionView } from './views';

/**
 * Uploads are taken while the dossier is being put together and checked, and while a supplement is
 * awaited; once the departments are reading it, the dossier is what they read, so it is frozen.
 */
export const UPLOAD_STAGES = ['APPLICATION', 'PUBLIC_CALL', 'COMPILATION', 'COMPLETENESS_CHECK', 'SUPPLEMENT_REQUESTED'] as const;
const OPEN_STATUSES = ['ACTIVE', 'ON_HOLD'];
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const MB = 1024 * 1024;

const typeNames = (item: ChecklistItem) => item.accepts.map((t) => DOCUMENT_TYPE_NAMES[t]).join(', ');
const megabytes = (bytes: number) => `${Math.floor(bytes / MB)} MB`;
const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

const tooLarge = (detail: string, extra: Record<string, unknown>) => new HttpProblem(413, 'Tệp quá lớn (Content Too Large)', detail, extra);
const wrongType = (item: ChecklistItem, detected: string | undefined) =>
  new HttpProblem(
    415,
    'Loại tệp không được nhận (Unsupported Media Type)',
    `Thành phần "${item.label}" (${item.code}) chỉ nhận tệp ${typeNames(item)}; tệp gửi lên là ${detected ? DOCUMENT_TYPE_NAMES[detected as keyof typeof DOCUMENT_TYPE_NAMES] : 'loại không nhận dạng được'} (xét theo nội dung, không theo tên tệp).`,
    { item: item.code, acceptedTypes: item.accepts, detectedType: detected ?? null },
  );

type Received = { item: ChecklistItem; fileName: string; uploadKey: string; inspection: Inspection };

/** How much of a refused upload's body is read and dropped before answering; past it the answer goes out and the connection closes. */
const DRAIN_BYTES = 64 * MB;

/**
 * Reads and drops the rest of a request body before a refusal is answered. A client that cannot
 * read while it sends, or that asked for `Connection: close` (after which Node closes the socket
 * as soon as the answer is out), would otherwise get a broken pipe instead of the problem document.
 */
export function drained(req: Request): Promise<void> {
  if (req.complete || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let bytes = 0;
    const done = () => {
      req.off('data', count);
      req.off('end', done);
      req.off('close', done);
      resolve();
    };
    const count = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > DRAIN_BYTES) done();
    };
    req.on('data', count);
    req.once('end', done);
    req.once('close', done);
    req.resume();
  });
}

/** Reads the multipart body: the `item` field, then exactly one file, streamed into the store under a temporary key. */
function receive(req: Request, storage: DocumentStorage, checklist: readonly ChecklistItem[], budgetBytes: number): Promise<Received> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // preservePath: busboy would quietly cut "../../x" to "x"; the name is checked and refused instead.
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', preservePath: true, limits: { files: 1, fields: 4, fieldSize: 1024, parts: 6 } });
    } catch {
      reject(badRequest('Gửi tệp dạng multipart/form-data: trường "item" (mã thành phần hồ sơ) rồi trường "file".'));
      return;
    }
    let itemCode: string | undefined;
    let started: Promise<Received> | undefined;
    let failed = false;
    const fail = (problem: unknown) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      void drained(req).then(() => reject(problem));
    };

    parser.on('field', (name, value) => {
      if (name === 'item') itemCode = value;
    });
    parser.on('file', (_field, file, info) => {
      if (started || failed) return void file.resume();
      const item = checklist.find((candidate) => candidate.code === itemCode);
      if (!item) {
        file.resume();
        return fail(
          itemCode === undefined
            ? badRequest('Thiếu trường "item" (mã thành phần hồ sơ); gửi nó TRƯỚC trường tệp.', [{ field: 'item', message: 'required' }])
            : unprocessable(`Không có thành phần "${itemCode}" trong danh mục hồ sơ; chọn một trong: ${checklist.map((c) => c.code).join(', ')}.`, {
                items: checklist.map((c) => c.code),
              }),
        );
      }
      const name = checkFileName(info.filename ?? '');
      if (!name.ok) {
        file.resume();
        return fail(badRequest(name.reason, [{ field: 'file.filename', message: 'invalid' }]));
      }
      const maxBytes = Math.min(item.maxBytes, storage.limits.maxFileBytes, budgetBytes);
      const inspector = new UploadInspector(maxBytes, item.accepts);
      // The store's put sees a refusal through its own pipeline; this keeps one raised before the store has attached from crashing the process.
      inspector.on('error', () => undefined);
      const uploadKey = `${UPLOAD_PREFIX}${randomUUID()}`;
      started = storage.store
        .put(uploadKey, file.pipe(inspector))
        .then(() => ({ item, fileName: name.ok ? name.name : '', uploadKey, inspection: inspector.result }));
      // busboy does not forward a source error to a piped destination: do it, so a cut-off upload fails its put.
      file.on('error', (error) => inspector.destroy(error));
      started.catch((error: unknown) => {
        file.resume();
        if (error instanceof UploadRefused && error.reason === 'type') return fail(wrongType(item, error.detectedType));
        if (error instanceof UploadRefused) {
          const byDossier = budgetBytes < Math.min(item.maxBytes, storage.limits.maxFileBytes);
          return fail(
            tooLarge(
              byDossier
                ? `Hồ sơ chỉ còn ${megabytes(budgetBytes)} trong giới hạn ${megabytes(storage.limits.maxDossierBytes)} cho toàn bộ tài liệu; tệp vượt quá.`
                : `Thành phần "${item.label}" nhận tệp tối đa ${megabytes(maxBytes)}; nén hoặc chia nhỏ tệp rồi tải lên lại.`,
              { item: item.code, maxBytes },
            ),
          );
        }
        fail(error);
      });
    });
    parser.on('error', (error) => {
      const message = (error as Error).message;
      // busboy refuses a part header with control characters, which in practice is the file name.
      const reason = /header/i.test(message) ? 'phần đầu có ký tự điều khiển, thường là trong tên tệp; đổi tên tệp' : 'gửi lại tệp';
      fail(badRequest(`Dữ liệu multipart không đọc được (${message}): ${reason}.`));
    });
    parser.on('close', () => {
      if (failed) return;
      if (!started) return fail(badRequest('Thiếu tệp: gửi đúng một tệp trong trường "file".', [{ field: 'file', message: 'required' }]));
      started.then(resolve, () => undefined);
    });
    // A client that goes away mid-file never ends the form: fail the stream so the store keeps nothing.
    req.on('close', () => {
      if (!req.complete) parser.destroy(new Error('upload cut off'));
    });
    // Not pipeline(): a failing parser would make it destroy the request and its socket, and a client
    // still sending (an oversized file) would get a broken pipe instead of reading the refusal.
    req.on('error', (error) => parser.destroy(error));
    req.pipe(parser);
  });
}

async function findReplay(prisma: PrismaClient, key: string | undefined) {
  if (!key) return undefined;
  return prisma.documentVersion.findUnique({ where: { idempotencyKey: key }, include: { document: true, uploadedBy: true } });
}

export type UploadOutcome = { replayed: boolean; version: VersionView };

/**
 * Stores one file as the next version of a checklist item. Order, so that a crash at any point
 * leaves nothing acknowledged half-stored: stream to uploads/<uuid> (a cut-off stream leaves
 * nothing), move to blobs/<sha256>, then commit the row and its audit record together. A crash
 * after the move leaves a blob no row names, which sweepOrphans removes later.
 */
export async function uploadDocument(prisma: PrismaClient, storage: DocumentStorage, user: AuthUser, code: string, req: Request): Promise<UploadOutcome> {
  const header = req.header(IDEMPOTENCY_HEADER);
  if (header !== undefined && !KEY_PATTERN.test(header)) throw badRequest('Idempotency-Key phải gồm 1–255 ký tự ASCII in được.');
  const idempotencyKey = header === undefined ? undefined : `${user.id}:${header}`;

  const dossier = await prisma.dossier.findUnique({ where: { code } });
  if (!dossier) throw notFound(`Không có hồ sơ mã ${code}.`);
  const replay = await findReplay(prisma, idempotencyKey);
  if (replay) {
    if (replay.document.dossierId !== dossier.id) throw unprocessable('Idempotency-Key này đã được dùng cho hồ sơ khác; dùng khoá mới cho yêu cầu mới.');
    await drained(req);
    return { replayed: true, version: versionView(replay, replay.document.itemCode, code) };
  }
  if (!(UPLOAD_STAGES as readonly string[]).includes(dossier.stage) || !OPEN_STATUSES.includes(dossier.status)) {
    throw conflict(`Hồ sơ ${code} đang ở bước ${dossier.stage} (${dossier.status}): chỉ nhận tài liệu khi lập, kiểm tra hoặc bổ sung hồ sơ.`, {
      stage: dossier.stage,
      uploadStages: UPLOAD_STAGES,
    });
  }
  const checklist = checklistFor(dossier.ruleSetId);
  if (!checklist) throw conflict(`Bộ quy tắc ${dossier.ruleSetId} của hồ sơ chưa có danh mục tài liệu; báo quản trị viên.`);

  const used = await prisma.documentVersion.aggregate({ where: { document: { dossierId: dossier.id } }, _sum: { sizeBytes: true } });
  const budgetBytes = storage.limits.maxDossierBytes - (used._sum.sizeBytes ?? 0);
  if (budgetBytes <= 0) throw tooLarge(`Hồ sơ ${code} đã dùng hết giới hạn ${megabytes(storage.limits.maxDossierBytes)} cho tài liệu.`, {});

  const received = await receive(req, storage, checklist, budgetBytes);
  const { item, fileName, uploadKey, inspection } = received;
  if (inspection.sizeBytes === 0) {
    await storage.store.delete(uploadKey);
    throw badRequest(`Tệp "${fileName}" rỗng (0 byte); chọn đúng tệp rồi tải lên lại.`, [{ field: 'file', message: 'empty' }]);
  }
  const storageKey = blobKey(inspection.sha256);
  await storage.store.move(uploadKey, storageKey);

  try {
    const created = await prisma.$transaction(async (tx) => {
      const document = await tx.document.upsert({
        where: { dossierId_itemCode: { dossierId: dossier.id, itemCode: item.code } },
        create: { dossierId: dossier.id, itemCode: item.code },
        update: {},
      });
      // One writer per document at a time, so two uploads of the same item get versions n and n+1.
      await tx.$executeRaw`SELECT id FROM documents WHERE id = ${document.id}::uuid FOR UPDATE`;
      const last = await tx.documentVersion.aggregate({ where: { documentId: document.id }, _max: { version: true } });
      const version = await tx.documentVersion.create({
        data: {
          documentId: document.id,
          version: (last._max.version ?? 0) + 1,
          fileName,
          contentType: inspection.type as string,
          sizeBytes: inspection.sizeBytes,
          sha256: inspection.sha256,
          storageKey,
          uploadedById: user.id,
          idempotencyKey,
        },
        include: { uploadedBy: true },
      });
      await appendAudit(tx, {
        actor: user.username,
        action: 'document.uploaded',
        entityType: 'DocumentVersion',
        entityId: version.id,
        dossierCode: code,
        newValue: { item: item.code, version: version.version, fileName, contentType: version.contentType, sizeBytes: version.sizeBytes, sha256: version.sha256 },
      });
      return version;
    });
    return { replayed: false, version: versionView(created, item.code, code) };
  } catch (error) {
    // Two retries with one key raced: the other stored the version; this one's blob is the same bytes or an orphan for the sweep.
    const raced = isUniqueViolation(error) ? await findReplay(prisma, idempotencyKey) : undefined;
    if (raced) return { replayed: true, version: versionView(raced, raced.document.itemCode, code) };
    throw error;
  }
}
