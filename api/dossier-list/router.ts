import { Router } from 'express';
import { todayInVietnam } from '../../infra/clock';
import { authenticate, requireRole, STAFF_ROLES } from '../auth/middleware';
import type { ApiDeps } from '../deps';
import { problemResponses, type DocsRegistration } from '../http/openapi';
import { parseQuery } from '../http/validate';
import { DossierListQuerySchema, DossierListSchema } from './schemas';
import { listDossiers } from './service';

export function dossierListRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/api/dossiers', authenticate(deps), requireRole(...STAFF_ROLES), async (req, res) => {
    const query = parseQuery(DossierListQuerySchema, req);
    res.json(await listDossiers(deps, query, todayInVietnam()));
  });
  return router;
}

export const registerDossierListDocs: DocsRegistration = (registry) => {
  registry.registerPath({
    method: 'get',
    path: '/api/dossiers',
    tags: ['dossiers'],
    summary: 'Danh sách hồ sơ (list dossiers) với bộ lọc và phân trang',
    description:
      'Any staff role. Newest filing first (filed on, then code). `overdue` means an open task is past its due date. ' +
      'Page with `cursor` = the previous page\'s `nextCursor` (keyset: the same cost at any depth); `page` (offset) reaches the first 10,000 dossiers. ' +
      '`total` counts at most 1,000 matching dossiers (`totalExact` false beyond: show "1000+").',
    security: [{ bearerAuth: [] }],
    request: { query: DossierListQuerySchema },
    responses: {
      200: { description: 'Một trang hồ sơ', content: { 'application/json': { schema: DossierListSchema } } },
      ...problemResponses(400, 401, 403),
    },
  });
};
