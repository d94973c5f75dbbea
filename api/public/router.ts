import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { DossierCodeParamsSchema } from '../dossiers/schemas';
import { problemResponses, type DocsRegistration } from '../http/openapi';
import { problemRateLimit } from '../http/rate-limit';
import { parseParams } from '../http/validate';
import { PublicDossierSchema } from './schemas';
import { publicDossier } from './service';

/** Public look-ups per minute from one IP address: enough for people, too few to enumerate codes. */
export const PUBLIC_LOOKUPS_PER_MINUTE = 30;

export function publicRouter(deps: ApiDeps): Router {
  const router = Router();
  const limit = problemRateLimit({
    limit: PUBLIC_LOOKUPS_PER_MINUTE,
    windowMs: 60_000,
    detail: `Tối đa ${PUBLIC_LOOKUPS_PER_MINUTE} lượt tra cứu mỗi phút; vui lòng thử lại sau một phút (too many look-ups).`,
  });
  router.get('/api/public/dossiers/:code', limit, async (req, res) => {
    const { code } = parseParams(DossierCodeParamsSchema, req);
    res.json(await publicDossier(deps, code));
  });
  return router;
}

export const registerPublicDocs: DocsRegistration = (registry) => {
  registry.registerPath({
    method: 'get',
    path: '/api/public/dossiers/{code}',
    tags: ['public'],
    summary: 'Tra cứu tình trạng hồ sơ theo mã (public lookup, no sign-in)',
    description: `No authentication. Exactly code, cluster name, stage, status and expected date; no personal data. At most ${PUBLIC_LOOKUPS_PER_MINUTE} look-ups per minute per IP address.`,
    request: { params: DossierCodeParamsSchema },
    responses: {
      200: { description: 'Tình trạng hồ sơ', content: { 'application/json': { schema: PublicDossierSchema } } },
      ...problemResponses(400, 404, 429),
    },
  });
};
