import { Router } from 'express';
import { todayInVietnam } from '../../infra/clock';
import { authenticate, currentUser, requireRole, STAFF_ROLES } from '../auth/middleware';
import type { ApiDeps } from '../deps';
import { problemResponses, type DocsRegistration } from '../http/openapi';
import { parseQuery } from '../http/validate';
import { InboxQuerySchema, InboxSchema, INBOX_COUNT_LIMIT } from './schemas';
import { listInbox } from './service';

export function taskRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/api/tasks', authenticate(deps), requireRole(...STAFF_ROLES), async (req, res) => {
    const query = parseQuery(InboxQuerySchema, req);
    const today = todayInVietnam();
    const page = await listInbox(deps, currentUser(res), today, query);
    res.json({ today, tab: query.tab, ...page });
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
      'Any staff role. Open tasks assigned to the caller, or to one of their roles (reviewers: their department), most urgent first. Working days come from the calendar in force; nearDue = ≤ 2 working days left. ' +
      'Paged by keyset: `limit` tasks of the `tab` (all, mine, overdue, nearDue), then `nextCursor` as `cursor` for the next page (null on the last). ' +
      '`stage` and `cluster` narrow the inbox on the server: the page, the cursor and the counts all follow them (send the same filters with the cursor). ' +
      `\`counts\` gives every tab's size on every page; they count at most ${INBOX_COUNT_LIMIT} open tasks (\`countsComplete\` false beyond).`,
    security: [{ bearerAuth: [] }],
    request: { query: InboxQuerySchema },
    responses: {
      200: { description: 'Danh sách việc', content: { 'application/json': { schema: InboxSchema } } },
      ...problemResponses(400, 401, 403),
    },
  });
};
