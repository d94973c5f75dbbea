import { Router } from 'express';
import { authenticate, currentUser, requireRole, STAFF_ROLES } from '../auth/middleware';
import type { ApiDeps } from '../deps';
import { DossierCodeParamsSchema } from '../dossiers/schemas';
import { IDEMPOTENCY_HEADER } from '../http/idempotency';
import { problemResponses, type DocsRegistration } from '../http/openapi';
import { parseParams } from '../http/validate';
import { z } from '../http/zod';
import { documentStorageFromEnv, type DocumentStorage } from '../../storage/config';
import { listDocuments, serveVersion, VERIFY_BEFORE_SENDING_BYTES } from './read';
import { DocumentListSchema, UploadFormSchema, VersionParamsSchema, VersionViewSchema } from './schemas';
import { drained, uploadDocument, UPLOAD_STAGES } from './upload';

export function documentRouter(deps: ApiDeps): Router {
  const router = Router();
  const signedIn = authenticate(deps);
  let fromEnv: DocumentStorage | undefined;
  // Read from the environment on first use, so an app that never touches documents needs no store.
  const storage = () => deps.documents ?? (fromEnv ??= documentStorageFromEnv());

  router.post('/api/dossiers/:code/documents', signedIn, requireRole('INTAKE_OFFICER'), async (req, res) => {
    const { code } = parseParams(DossierCodeParamsSchema, req);
    // A refusal before the body was read (unknown dossier, frozen stage, budget spent) is answered once the client has sent it.
    const outcome = await uploadDocument(deps.prisma, storage(), currentUser(res), code, req).catch(async (error: unknown) => {
      await drained(req);
      throw error;
    });
    if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(201).location(outcome.version.contentUrl).json(outcome.version);
  });

  router.get('/api/dossiers/:code/documents', signedIn, requireRole(...STAFF_ROLES), async (req, res) => {
    const { code } = parseParams(DossierCodeParamsSchema, req);
    res.json(await listDocuments(deps.prisma, currentUser(res), code));
  });

  router.get('/api/dossiers/:code/documents/:versionId/content', signedIn, requireRole(...STAFF_ROLES), async (req, res) => {
    const { code, versionId } = parseParams(VersionParamsSchema, req);
    await serveVersion(deps.prisma, storage(), currentUser(res), code, versionId, req, res);
  });

  return router;
}

export const registerDocumentDocs: DocsRegistration = (registry) => {
  registry.registerPath({
    method: 'post',
    path: '/api/dossiers/{code}/documents',
    summary: 'Tải lên một tệp cho một thành phần hồ sơ (upload a document version)',
    security: [{ bearerAuth: [] }],
    description: `Role INTAKE_OFFICER. multipart/form-data, streamed: field \`item\` first, then one \`file\`. The type is sniffed from the content; each upload becomes the next version of the item (old versions are kept). Accepted while the dossier is in ${UPLOAD_STAGES.join(', ')}. Send ${IDEMPOTENCY_HEADER} to make a retry store one version.`,
    request: {
      params: DossierCodeParamsSchema,
      headers: z.object({ [IDEMPOTENCY_HEADER]: z.string().max(255).optional() }),
      body: { content: { 'multipart/form-data': { schema: UploadFormSchema } } },
    },
    responses: {
      201: { description: 'Đã lưu bản mới', content: { 'application/json': { schema: VersionViewSchema } } },
      ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/dossiers/{code}/documents',
    summary: 'Danh mục tài liệu của hồ sơ: trạng thái từng thành phần và các bản (checklist status and versions)',
    security: [{ bearerAuth: [] }],
    description: 'Intake officers, appraisers, council members, managers and administrators; reviewers only of a department consulted on the dossier.',
    request: { params: DossierCodeParamsSchema },
    responses: {
      200: { description: 'Danh mục', content: { 'application/json': { schema: DocumentListSchema } } },
      ...problemResponses(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/dossiers/{code}/documents/{versionId}/content',
    summary: 'Tải xuống một bản tài liệu (download; Range supported)',
    security: [{ bearerAuth: [] }],
    description: `Same readers as the list. Every download is in the audit trail. The sha256 is checked: files up to ${VERIFY_BEFORE_SENDING_BYTES / 1024 / 1024} MB before sending (500 problem on mismatch); larger ones while streaming (the connection is cut before the last chunk on mismatch).`,
    request: { params: VersionParamsSchema },
    responses: {
      200: { description: 'Nội dung tệp', content: { 'application/octet-stream': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } } },
      206: { description: 'Một khoảng byte của tệp' },
      ...problemResponses(400, 401, 403, 404, 416, 500),
    },
  });
};
