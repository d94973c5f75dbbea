import { Router } from 'express';
import { authenticate, requireRole, STAFF_ROLES } from '../auth/middleware';
import type { ApiDeps } from '../deps';
import { problemResponses, type DocsRegistration } from '../http/openapi';
import { z } from '../http/zod';
import { ClusterCatalogueEntrySchema, clusterCatalogue } from './clusters';

/** Reference data a person picks from: the clusters of the province (the intake desk's new-letter form). */
export function catalogueRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/api/catalogue/clusters', authenticate(deps), requireRole(...STAFF_ROLES), async (_req, res) => {
    res.json(await clusterCatalogue(deps));
  });
  return router;
}

export const registerCatalogueDocs: DocsRegistration = (registry) => {
  registry.registerPath({
    method: 'get',
    path: '/api/catalogue/clusters',
    tags: ['catalogue'],
    summary: 'Danh mục cụm công nghiệp: mọi cụm, với đợt lựa chọn gần nhất và việc cụm đã có chủ đầu tư hay chưa',
    description:
      'Any staff role. For choosing the cluster of a new letter (POST /api/dossiers): a letter for a cluster whose round is DECIDED is refused (it has its investor); one for a running round joins it while its window is open; otherwise it opens the next round. The monitored clusters are GET /api/clusters.',
    security: [{ bearerAuth: [] }],
    responses: {
      200: { description: 'Các cụm, theo mã', content: { 'application/json': { schema: z.array(ClusterCatalogueEntrySchema) } } },
      ...problemResponses(401, 403),
    },
  });
};
