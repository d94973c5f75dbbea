import { Router } from 'express';
import type { TaskKind } from '../../generated/prisma/client';
import { announceCallUpdate, decideRoundUpdate, submitDossiersUpdate, submitRoundReportUpdate } from '../../workflows/round/api';
import { checkUnlessApplied } from '../actions/applied-update';
import { expectVersion } from '../actions/service';
import { authenticate, currentUser, requireRole, STAFF_ROLES, type AuthUser, type Role } from '../auth/middleware';
import type { ApiDeps } from '../deps';
import { idempotency, IDEMPOTENCY_HEADER } from '../http/idempotency';
import { temporalReady } from '../http/temporal-ready';
import { problemResponses, type DocsRegistration } from '../http/openapi';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import { z } from '../http/zod';
import { AnnouncementSchema, RoundCodeParamsSchema, RoundDecisionSchema, RoundListQuerySchema, RoundReportSchema, RoundSummarySchema, RoundViewSchema, SubmissionSchema } from './schemas';
import { claimRoundTask, forwardToRound, getRound, listRounds, roundHandle, roundProblem } from './service';

/** One person's action on a round: POST /api/rounds/{code}/{path}. */
interface RoundAction<S extends z.ZodType = z.ZodType> {
  path: string;
  roles: Role[];
  who: string;
  summary: string;
  schema: S;
  task: TaskKind;
  label: string;
  send(deps: ApiDeps, code: string, user: AuthUser, body: z.infer<S>, updateId: string | undefined): Promise<void>;
}

const roundAction = <S extends z.ZodType>(a: RoundAction<S>) => a as unknown as RoundAction;

const ROUND_ACTIONS: RoundAction[] = [
  roundAction({
    path: 'announcement',
    roles: ['REVIEWER'],
    who: 'REVIEWER of the district PC (from 01/7/2025 the commune PC) named on the round task',
    summary: 'Ghi nhận thông báo công khai mời nhà đầu tư: ngày thông báo, nơi đăng (public call)',
    schema: AnnouncementSchema,
    task: 'CALL_ANNOUNCEMENT',
    label: 'thông báo công khai',
    send: (deps, code, user, body, updateId) => forwardToRound(deps, code, announceCallUpdate, { ...body, actor: user.username }, updateId),
  }),
  roundAction({
    path: 'submission',
    roles: ['REVIEWER'],
    who: 'REVIEWER of the district/commune PC named on the round task',
    summary: 'Chuyển hồ sơ của đợt sang Sở Công Thương thẩm định: việc thẩm định từng hồ sơ bắt đầu (submission to DOIT)',
    schema: SubmissionSchema,
    task: 'DOSSIER_SUBMISSION',
    label: 'chuyển hồ sơ sang Sở Công Thương',
    send: (deps, code, user, body, updateId) => forwardToRound(deps, code, submitDossiersUpdate, { ...body, actor: user.username }, updateId),
  }),
  roundAction({
    path: 'report',
    roles: ['APPRAISER'],
    who: 'APPRAISER',
    summary: 'Báo cáo thẩm định của đợt: xếp hạng các nhà đầu tư đã chấm điểm, đề xuất nhà đầu tư (appraisal report)',
    schema: RoundReportSchema,
    task: 'APPRAISAL_REPORT',
    label: 'lập báo cáo thẩm định',
    send: (deps, code, user, body, updateId) => forwardToRound(deps, code, submitRoundReportUpdate, { ...body, actor: user.username }, updateId),
  }),
  roundAction({
    path: 'decision',
    roles: ['MANAGER'],
    who: 'MANAGER',
    summary: 'Quyết định của UBND tỉnh cho cả đợt: chấp thuận nhà đầu tư được đề xuất, không chấp thuận, hoặc trả lại báo cáo (decision)',
    schema: RoundDecisionSchema,
    task: 'DECISION',
    label: 'quyết định',
    send: (deps, code, user, body, updateId) => forwardToRound(deps, code, decideRoundUpdate, { ...body, actor: user.username }, updateId),
  }),
];

export function roundRouter(deps: ApiDeps): Router {
  const router = Router();
  const signedIn = authenticate(deps);
  const perUser = idempotency(deps.prisma, (res) => `user:${currentUser(res).id}`);
  const temporal = temporalReady(deps.temporal.connection);

  router.get('/api/rounds', signedIn, requireRole(...STAFF_ROLES), async (req, res) => {
    res.json(await listRounds(deps, parseQuery(RoundListQuerySchema, req)));
  });
  router.get('/api/rounds/:code', signedIn, requireRole(...STAFF_ROLES), async (req, res) => {
    const { code } = parseParams(RoundCodeParamsSchema, req);
    res.json(await getRound(deps, code));
  });
  for (const definition of ROUND_ACTIONS) {
    router.post(`/api/rounds/:code/${definition.path}`, signedIn, requireRole(...definition.roles), perUser, temporal, async (req, res) => {
      const { code } = parseParams(RoundCodeParamsSchema, req);
      const body = parseBody(definition.schema, req) as { expectedVersion: number };
      const user = currentUser(res);
      const key = res.locals.idempotencyKey as string | undefined;
      const updateId = key ? `${definition.path}:${user.id}:${key}` : undefined;
      // As for dossier actions: a keyed retry of a try that was applied gets the applied answer, not a 409.
      const check = async () => {
        const { version } = await claimRoundTask(deps, code, definition.task, definition.label, user);
        expectVersion(body.expectedVersion, version, 'hồ sơ');
      };
      if ((await checkUnlessApplied(check, updateId, () => roundHandle(deps, code), roundProblem)) === 'run') await definition.send(deps, code, user, body, updateId);
      res.json(await getRound(deps, code));
    });
  }
  return router;
}

export const registerRoundDocs: DocsRegistration = (registry) => {
  registry.registerPath({
    method: 'get',
    path: '/api/rounds',
    summary: 'Các đợt lựa chọn chủ đầu tư (selection rounds), mới nhất trước',
    security: [{ bearerAuth: [] }],
    request: { query: RoundListQuerySchema },
    responses: { 200: { description: 'Danh sách đợt', content: { 'application/json': { schema: z.array(RoundSummarySchema) } } }, ...problemResponses(400, 401, 403) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/rounds/{code}',
    summary: 'Một đợt lựa chọn: hồ sơ và bước của từng hồ sơ, điểm khi đã khép chấm điểm, xếp hạng, báo cáo, quyết định, thời hạn',
    security: [{ bearerAuth: [] }],
    request: { params: RoundCodeParamsSchema },
    responses: { 200: { description: 'Đợt lựa chọn', content: { 'application/json': { schema: RoundViewSchema } } }, ...problemResponses(400, 401, 403, 404) },
  });
  for (const definition of ROUND_ACTIONS) {
    registry.registerPath({
      method: 'post',
      path: `/api/rounds/{code}/${definition.path}`,
      summary: definition.summary,
      description:
        `Who: ${definition.who}. Checked in the read model first: the round exists (404), the step is open (409 WrongStage) and is the caller's (403), ` +
        "the version sent is current (409 StaleVersion). Then forwarded to the round's workflow as an Update, whose validator may still refuse (409, or 422 a business rule; `reason` names it). " +
        `The answer is the round read back from the read model. Send an ${IDEMPOTENCY_HEADER} header to make retries safe.`,
      security: [{ bearerAuth: [] }],
      request: {
        params: RoundCodeParamsSchema,
        headers: z.object({ [IDEMPOTENCY_HEADER]: z.string().max(255).optional() }),
        body: { required: true, content: { 'application/json': { schema: definition.schema } } },
      },
      responses: { 200: { description: 'Đã ghi nhận; đợt lựa chọn sau thao tác', content: { 'application/json': { schema: RoundViewSchema } } }, ...problemResponses(400, 401, 403, 404, 409, 422, 503) },
    });
  }
};
