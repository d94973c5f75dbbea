import { Router } from 'express';
import { todayInVietnam } from '../../infra/clock';
import { authenticate, currentUser, requireRole, STAFF_ROLES } from '../auth/middleware';
import type { ApiDeps } from '../deps';
import { problemResponses, type DocsRegistration } from '../http/openapi';
import { parseQuery } from '../http/validate';
import { z } from '../http/zod';
import { InboxSchema } from './schemas';
import { listInbox } from './service';

const NoQuerySchema = z.object({}).strict();

export function taskRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/api/tasks', authenticate(deps), requireRole(...STAFF_ROLES), async (req, res) => {
    parseQuery(NoQuerySchema, req);
    const today = todayInVietnam();
    res.json({ today, items: await listInbox(deps, currentUser(res), today) });
  });
  return router;
}

export const registerTaskDocs: DocsRegistration = (registry) => {
  registry.registerPath({
    method: 'get',
    path: '/api/tasks',
    tags: ['tasks'],
    summary: 'Hộp công việc (inbox): việc đang mở của người dùng, gấp nhất trước',
    description:
      'Any staff role. Open tasks assigned to the caller, or to one of their roles (reviewers: their department). Working days come from the calendar in force; nearDue = ≤ 2 working days left.',
    security: [{ bearerAuth: [] }],
    responses: {
      200: { description: 'Danh sách việc', content: { 'application/json': { schema: InboxSchema } } },
      ...problemResponses(400, 401, 403),
    },
  });
};
