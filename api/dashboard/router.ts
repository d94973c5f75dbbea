import { Router } from 'express';
import { todayInVietnam } from '../../infra/clock';
import { authenticate, requireRole } from '../auth/middleware';
import type { ApiDeps } from '../deps';
import { problemResponses, type DocsRegistration } from '../http/openapi';
import { parseQuery } from '../http/validate';
import { DashboardQuerySchema, DashboardSchema } from './schemas';
import { dashboard } from './service';

export function dashboardRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/api/dashboard', authenticate(deps), requireRole('MANAGER', 'ADMIN'), async (req, res) => {
    const query = parseQuery(DashboardQuerySchema, req);
    res.json(await dashboard(deps, todayInVietnam(), query));
  });
  return router;
}

export const registerDashboardDocs: DocsRegistration = (registry) => {
  registry.registerPath({
    method: 'get',
    path: '/api/dashboard',
    tags: ['dashboard'],
    summary: 'Bảng điều hành (dashboard): hồ sơ theo giai đoạn, trạng thái, quá hạn, sắp đến hạn',
    description:
      'Roles MANAGER, ADMIN. stageDurations: median working days per stage for stays that ended between from and to, from the audit trail.',
    security: [{ bearerAuth: [] }],
    request: { query: DashboardQuerySchema },
    responses: {
      200: { description: 'Số liệu', content: { 'application/json': { schema: DashboardSchema } } },
      ...problemResponses(400, 401, 403),
    },
  });
};
