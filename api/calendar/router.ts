import { Router } from 'express';
import { authenticate, currentUser, requireRole, STAFF_ROLES } from '../auth/middleware';
import type { ApiDeps } from '../deps';
import { problemResponses, type DocsRegistration } from '../http/openapi';
import { publicComputationLimit } from '../http/rate-limit';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import { z } from '../http/zod';
import {
  CalendarDayListSchema,
  CalendarDayParamsSchema,
  CalendarDaySchema,
  CalendarRangeQuerySchema,
  DeadlineQuerySchema,
  DeadlineSchema,
  MAX_PERIOD_DAYS,
  SetCalendarDaySchema,
} from './schemas';
import { deadline, listDays, resetDay, setDay } from './service';

/**
 * The working-day calendar in force (seed + administrator overrides). Deadlines are a public
 * reference computation; the day list is for staff screens; changing a day is for administrators,
 * audited, and signals every open dossier's workflow to recompute its deadlines.
 */
export function calendarRouter(deps: ApiDeps): Router {
  const router = Router();
  const signedIn = authenticate(deps);
  const admin = requireRole('ADMIN');
  const actor = (res: Parameters<typeof currentUser>[0]) => {
    const user = currentUser(res);
    return { id: user.id, username: user.username };
  };

  router.get('/api/calendar/deadline', publicComputationLimit('other'), async (req, res) => {
    res.json(await deadline(deps, parseQuery(DeadlineQuerySchema, req)));
  });

  router.get('/api/calendar/days', signedIn, requireRole(...STAFF_ROLES), async (req, res) => {
    const { from, to } = parseQuery(CalendarRangeQuerySchema, req);
    res.json(await listDays(deps, from, to));
  });

  router.put('/api/calendar/days/:date', signedIn, admin, async (req, res) => {
    const { date } = parseParams(CalendarDayParamsSchema, req);
    const body = parseBody(SetCalendarDaySchema, req);
    res.json(await setDay(deps, date, body, actor(res)));
  });

  router.delete('/api/calendar/days/:date', signedIn, admin, async (req, res) => {
    const { date } = parseParams(CalendarDayParamsSchema, req);
    res.json(await resetDay(deps, date, actor(res)));
  });

  return router;
}

const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
const TAG = ['Lịch làm việc (calendar)'];

export const registerCalendarDocs: DocsRegistration = (registry) => {
  registry.registerPath({
    method: 'get',
    path: '/api/calendar/deadline',
    tags: TAG,
    summary: 'Tính hạn cuối theo lịch làm việc đang áp dụng (deadline)',
    description:
      `Public. Exactly one of workingDays or calendarDays (0–${MAX_PERIOD_DAYS}). Civil Code 2015 Art. 147–148: the day of the event is not counted; a period ending on a non-working day ends on the next working day. ` +
      'Computed against the seeded Vietnamese calendar with the administrator’s overrides; `skipped` lists the non-working days that moved the deadline.',
    request: { query: DeadlineQuerySchema },
    responses: { 200: { description: 'Hạn cuối', ...json(DeadlineSchema) }, ...problemResponses(400, 429) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/calendar/days',
    tags: TAG,
    summary: 'Các ngày khác tuần làm việc mặc định trong khoảng from–to (non-working weekdays, working weekends)',
    description: 'Any staff role. Includes every administrator override in the range, with the seeded state it replaces.',
    security: [{ bearerAuth: [] }],
    request: { query: CalendarRangeQuerySchema },
    responses: { 200: { description: 'Các ngày', ...json(CalendarDayListSchema) }, ...problemResponses(400, 401, 403) },
  });
  registry.registerPath({
    method: 'put',
    path: '/api/calendar/days/{date}',
    tags: TAG,
    summary: 'Điều chỉnh một ngày: làm việc hoặc nghỉ, kèm lý do (administrator override)',
    description:
      'Role ADMIN. Audited (actor, old and new state) in the same transaction; afterwards every open dossier’s workflow is signalled (calendarChanged) to recompute its deadlines.',
    security: [{ bearerAuth: [] }],
    request: { params: CalendarDayParamsSchema, body: json(SetCalendarDaySchema) },
    responses: { 200: { description: 'Trạng thái ngày sau điều chỉnh', ...json(CalendarDaySchema) }, ...problemResponses(400, 401, 403) },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/calendar/days/{date}',
    tags: TAG,
    summary: 'Xoá điều chỉnh, trả ngày về lịch gốc (return the day to the seeded state)',
    description: 'Role ADMIN. Audited like PUT; 404 when the day has no administrator override.',
    security: [{ bearerAuth: [] }],
    request: { params: CalendarDayParamsSchema },
    responses: { 200: { description: 'Trạng thái ngày theo lịch gốc', ...json(CalendarDaySchema) }, ...problemResponses(400, 401, 403, 404) },
  });
};
