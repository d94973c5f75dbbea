import { Router } from 'express';
import { authenticate, currentUser, requireRole, STAFF_ROLES } from '../auth/middleware';
import type { ApiDeps } from '../deps';
import { idempotency, IDEMPOTENCY_HEADER, NOT_FINAL } from '../http/idempotency';
import { temporalReady } from '../http/temporal-ready';
import { problemResponses, type DocsRegistration } from '../http/openapi';
import { parseBody, parseParams } from '../http/validate';
import { z } from '../http/zod';
import { DossierCodeParamsSchema, DossierViewSchema, SubmitDossierSchema } from './schemas';
import { withContactVisibility } from './contact-visibility';
import { getDossier, submitDossier } from './service';

export function dossierRouter(deps: ApiDeps): Router {
  const router = Router();
  const signedIn = authenticate(deps);
  // Idempotency keys are scoped per user: two officers choosing the same key never collide.
  const perUser = idempotency(deps.prisma, (res) => `user:${currentUser(res).id}`);
  // After the key: a stored answer replays even while Temporal is away; a 503 releases the record.
  const temporal = temporalReady(deps.temporal.connection);

  router.post('/api/dossiers', signedIn, requireRole('INTAKE_OFFICER'), perUser, temporal, async (req, res) => {
    const body = parseBody(SubmitDossierSchema, req);
    const outcome = await submitDossier(deps, body, currentUser(res).username, res.locals.idempotencyKey as string | undefined);
    if (outcome.registered) {
      res.status(201).location(`/api/dossiers/${outcome.dossier.code}`).json(outcome.dossier);
    } else {
      // Started but not yet recorded: not a final outcome, so a retry with the key runs again and gets the 201.
      res.locals[NOT_FINAL] = true;
      res
        .status(202)
        .location(`/api/dossiers/${outcome.code}`)
        .json({ code: outcome.code, detail: 'Hồ sơ đã được nhận và đang được ghi sổ; tra cứu lại sau ít giây.' });
    }
  });

  router.get('/api/dossiers/:code', signedIn, requireRole(...STAFF_ROLES), async (req, res) => {
    const { code } = parseParams(DossierCodeParamsSchema, req);
    res.json(withContactVisibility(currentUser(res), await getDossier(deps, code)));
  });

  return router;
}

export const registerDossierDocs: DocsRegistration = (registry) => {
  registry.registerPath({
    method: 'post',
    path: '/api/dossiers',
    summary: 'Nộp hồ sơ đề xuất chủ đầu tư hạ tầng CCN (submit a dossier)',
    security: [{ bearerAuth: [] }],
    description:
      `Role INTAKE_OFFICER. Starts the dossier's durable workflow; its id is the new dossier code. Answers only once Temporal has durably accepted the start: ` +
      `201 when the worker has recorded the dossier, 202 when it is started but not yet recorded; 503 with Retry-After when Temporal or the database cannot be reached (nothing was accepted). ` +
      `Send an ${IDEMPOTENCY_HEADER} header to make retries safe: a retry reaches the same dossier; only the 201 is replayed.`,
    request: {
      headers: z.object({ [IDEMPOTENCY_HEADER]: z.string().max(255).optional() }),
      body: { content: { 'application/json': { schema: SubmitDossierSchema } } },
    },
    responses: {
      201: { description: 'Hồ sơ đã được ghi sổ', content: { 'application/json': { schema: DossierViewSchema } } },
      202: { description: 'Đã nhận (quy trình đã khởi động), đang ghi sổ (worker bận)', content: { 'application/json': { schema: z.object({ code: z.string(), detail: z.string() }) } } },
      ...problemResponses(400, 401, 403, 409, 413, 415, 422, 503),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/dossiers/{code}',
    summary: 'Xem hồ sơ (from the read model, never from Temporal)',
    description: 'Any staff role.',
    security: [{ bearerAuth: [] }],
    request: { params: DossierCodeParamsSchema },
    responses: {
      200: { description: 'Hồ sơ', content: { 'application/json': { schema: DossierViewSchema } } },
      ...problemResponses(400, 401, 403, 404),
    },
  });
};
