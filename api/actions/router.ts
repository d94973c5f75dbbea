import { Router } from 'express';
import {
  checkCompletenessUpdate,
  giveOpinionUpdate,
  requestSupplementUpdate,
  screenApplicantUpdate,
  submitScoreUpdate,
  submitSupplementUpdate,
  withdrawUpdate,
  type CouncilSeat,
} from '../../workflows/dossier/api';
import { WITHDRAWABLE_STAGES, type ApplicantFacts } from '../../domain';
import { authenticate, currentUser, requireRole, type AuthUser, type Role } from '../auth/middleware';
import type { ApiDeps } from '../deps';
import { DossierCodeParamsSchema } from '../dossiers/schemas';
import { idempotency, IDEMPOTENCY_HEADER } from '../http/idempotency';
import { temporalReady } from '../http/temporal-ready';
import { problemResponses, type DocsRegistration } from '../http/openapi';
import { parseBody, parseParams } from '../http/validate';
import { HttpProblem } from '../http/problem';
import { z } from '../http/zod';
import {
  ActionResultSchema,
  CompletenessSchema,
  OpinionSchema,
  ScoreSchema,
  ScreeningSchema,
  SupplementRequestSchema,
  SupplementSchema,
  WithdrawalSchema,
} from './schemas';
import {
  actionResult,
  claimOpinionTask,
  claimStep,
  dossierHandle,
  expectNoScoreYet,
  expectVersion,
  forward,
  loadActionDossier,
  notYourTask,
  workflowProblem,
  type ActionDossier,
  type Step,
} from './service';
import { appraisalSupplementRequest, completenessRequest, supplementReceipt } from './documents';
import { checkUnlessApplied } from './applied-update';

/** Voting seats of the standing council, as the workflow names them; the secretary does not vote. */
const VOTING_SEATS: Partial<Record<NonNullable<AuthUser['councilRole']>, CouncilSeat>> = { CHAIR: 'chair', VICE_CHAIR: 'vice-chair', MEMBER: 'member' };

interface Context {
  deps: ApiDeps;
  dossier: ActionDossier;
  user: AuthUser;
  /** From the Idempotency-Key: Temporal applies an Update with a given id once, and a retry gets its first result. */
  updateId: string | undefined;
}

/** One person's action on a dossier: POST /api/dossiers/{code}/{path}. */
interface Action<S extends z.ZodType = z.ZodType> {
  path: string;
  roles: Role[];
  summary: string;
  /** Who may call it, for the OpenAPI description. */
  who: string;
  schema: S;
  /** Refusals that depend on the account only (before the dossier is read). */
  authorise?(user: AuthUser): void;
  /** Read-model checks before the workflow: the step is open and the caller's, the version is current. */
  check(context: Context, body: z.infer<S>): Promise<void>;
  /** The Update, with the actor taken from the account. */
  send(context: Context, body: z.infer<S>): Promise<void>;
}

const action = <S extends z.ZodType>(definition: Action<S>): Action => definition as unknown as Action;

/** The step a role task stands for; `owned`: the caller must hold the open task (role, department, assignee). */
const step = (label: string, stages: Step['stages'], taskKinds: Step['taskKinds'] = [], owned = true): Step => ({ label, stages, taskKinds, owned });

const WITHDRAWABLE = step('nhận văn bản rút hồ sơ', WITHDRAWABLE_STAGES);

/**
 * The people's actions, one per Update of the dossier workflow (workflows/dossier/api.ts). Each is
 * checked against the read model, then forwarded; the workflow's validator has the last word.
 */
const ACTIONS: Action[] = [
  action({
    path: 'completeness',
    roles: ['INTAKE_OFFICER'],
    who: 'INTAKE_OFFICER',
    summary: 'Kiểm tra tính đầy đủ: đủ, hoặc yêu cầu bổ sung (completeness check)',
    schema: CompletenessSchema,
    check: async ({ deps, dossier, user }, body) => {
      await claimStep(deps, dossier, user, step('kiểm tra tính đầy đủ', ['COMPLETENESS_CHECK'], ['COMPLETENESS_CHECK', 'SUPPLEMENT_REVIEW']));
      expectVersion(body.expectedVersion, dossier.version, 'hồ sơ');
    },
    send: async ({ deps, dossier, user, updateId }, body) => {
      const request = await completenessRequest(deps, dossier, body);
      await forward(deps, dossier, updateId, checkCompletenessUpdate, { ...request, expectedVersion: body.expectedVersion, actor: user.username });
    },
  }),
  action({
    path: 'supplement-requests',
    roles: ['INTAKE_OFFICER', 'APPRAISER'],
    who: 'INTAKE_OFFICER (bộ phận một cửa) or APPRAISER, while the dossier is at eligibility screening',
    summary: 'Yêu cầu bổ sung trong khi thẩm định: đồng hồ thẩm định tạm dừng (supplement request)',
    schema: SupplementRequestSchema,
    check: async ({ deps, dossier, user }, body) => {
      // The appraisal step must be open; the request is the one-stop desk's letter, not the appraiser's task.
      await claimStep(deps, dossier, user, step('sơ tuyển (yêu cầu bổ sung)', ['SCREENING'], ['ELIGIBILITY_SCREENING'], false));
      expectVersion(body.expectedVersion, dossier.version, 'hồ sơ');
    },
    send: async ({ deps, dossier, user, updateId }, body) => {
      const request = await appraisalSupplementRequest(deps, dossier, body.items);
      await forward(deps, dossier, updateId, requestSupplementUpdate, { ...request, expectedVersion: body.expectedVersion, actor: user.username });
    },
  }),
  action({
    path: 'supplements',
    roles: ['INTAKE_OFFICER'],
    who: 'INTAKE_OFFICER, on behalf of the applicant',
    summary: 'Ghi nhận việc bổ sung: gắn các bản tài liệu đã tải lên từ khi yêu cầu bổ sung; đồng hồ thẩm định chạy lại (supplement)',
    schema: SupplementSchema,
    check: ({ deps, dossier, user }) => claimStep(deps, dossier, user, step('chờ bổ sung', ['SUPPLEMENT_REQUESTED'])),
    send: async ({ deps, dossier, user, updateId }) => {
      const receipt = await supplementReceipt(deps, dossier);
      await forward(deps, dossier, updateId, submitSupplementUpdate, { ...receipt, actor: user.username });
    },
  }),
  action({
    path: 'withdrawal',
    roles: ['INTAKE_OFFICER'],
    who: 'INTAKE_OFFICER, on behalf of the applicant',
    summary: 'Ghi nhận văn bản rút hồ sơ của nhà đầu tư (withdrawal)',
    schema: WithdrawalSchema,
    check: ({ deps, dossier, user }) => claimStep(deps, dossier, user, WITHDRAWABLE),
    send: ({ deps, dossier, user, updateId }, body) => forward(deps, dossier, updateId, withdrawUpdate, { ...body, actor: user.username }),
  }),
  action({
    path: 'opinions',
    roles: ['REVIEWER'],
    who: "REVIEWER of a consulted department; the department is the caller's own",
    summary: 'Ý kiến của sở, ngành của người đăng nhập (department opinion)',
    schema: OpinionSchema,
    check: ({ deps, dossier, user }, body) => claimOpinionTask(deps, dossier, user, body.taskVersion),
    send: ({ deps, dossier, user, updateId }, body) =>
      forward(deps, dossier, updateId, giveOpinionUpdate, { ...body, departmentCode: user.departmentCode as string, actor: user.username }),
  }),
  action({
    path: 'screening',
    roles: ['APPRAISER'],
    who: 'APPRAISER',
    summary: 'Sơ tuyển điều kiện nhà đầu tư (eligibility screening)',
    schema: ScreeningSchema,
    check: async ({ deps, dossier, user }, body) => {
      await claimStep(deps, dossier, user, step('sơ tuyển', ['SCREENING'], ['ELIGIBILITY_SCREENING']));
      expectVersion(body.expectedVersion, dossier.version, 'hồ sơ');
    },
    send: ({ deps, dossier, user, updateId }, body) =>
      forward(deps, dossier, updateId, screenApplicantUpdate, { facts: body.facts as ApplicantFacts, expectedVersion: body.expectedVersion, actor: user.username }),
  }),
  action({
    path: 'scores',
    roles: ['COUNCIL_MEMBER'],
    who: 'COUNCIL_MEMBER with a voting seat (chair, vice-chair, member); the secretary does not vote (403)',
    summary: 'Phiếu chấm điểm của thành viên Hội đồng đăng nhập (score sheet)',
    schema: ScoreSchema,
    authorise: (user) => {
      if (user.councilRole === 'SECRETARY') throw notYourTask('Thư ký Hội đồng không biểu quyết nên không chấm điểm.', 'NonVotingSeat');
      if (!user.councilRole) throw notYourTask(`Tài khoản ${user.username} không có ghế trong Hội đồng.`, 'NoCouncilSeat');
    },
    check: async ({ deps, dossier, user }) => {
      await claimStep(deps, dossier, user, step('chấm điểm', ['SCORING'], ['COUNCIL_SCORING']));
      await expectNoScoreYet(deps, dossier, user);
    },
    send: ({ deps, dossier, user, updateId }, body) =>
      forward(deps, dossier, updateId, submitScoreUpdate, {
        criteria: body.criteria,
        councilRole: VOTING_SEATS[user.councilRole as keyof typeof VOTING_SEATS] as CouncilSeat,
        actor: user.username,
      }),
  }),
];

/** The action paths and who may call them (README, tests). */
export const ACTION_ROUTES = ACTIONS.map(({ path, roles, who }) => ({ path: `/api/dossiers/{code}/${path}`, roles, who }));

/** The report and the decision are the round's since rounds became workflows: the old dossier paths say where they went. */
const MOVED_TO_ROUND = ['report', 'decision'] as const;

export function actionRouter(deps: ApiDeps): Router {
  const router = Router();
  const signedIn = authenticate(deps);
  for (const path of MOVED_TO_ROUND) {
    router.post(`/api/dossiers/:code/${path}`, signedIn, async (req) => {
      const { code } = parseParams(DossierCodeParamsSchema, req);
      const round = await deps.prisma.dossier.findUnique({ where: { code }, select: { round: { select: { code: true } } } });
      const target = round?.round.code ? `/api/rounds/${round.round.code}/${path}` : '/api/rounds';
      throw new HttpProblem(410, 'Thao tác đã chuyển sang đợt lựa chọn (Gone)', `Báo cáo thẩm định và quyết định được lập một lần cho cả đợt lựa chọn: dùng POST ${target}.`, { reason: 'MovedToRound', location: target });
    });
  }
  // A retry with the same Idempotency-Key (per user) gets the first answer instead of a 409 for a stale version.
  const perUser = idempotency(deps.prisma, (res) => `user:${currentUser(res).id}`);
  const temporal = temporalReady(deps.temporal.connection);
  for (const definition of ACTIONS) {
    router.post(`/api/dossiers/:code/${definition.path}`, signedIn, requireRole(...definition.roles), perUser, temporal, async (req, res) => {
      const { code } = parseParams(DossierCodeParamsSchema, req);
      const body: unknown = parseBody(definition.schema, req);
      const user = currentUser(res);
      definition.authorise?.(user);
      const key = res.locals.idempotencyKey as string | undefined;
      const context: Context = { deps, dossier: await loadActionDossier(deps, code), user, updateId: key ? `${definition.path}:${user.id}:${key}` : undefined };
      // A keyed retry of a try that was applied (its client heard a 503, or the API crashed) is refused
      // by the read model as "not at that step": the Update of that id then answers for it.
      const outcome = await checkUnlessApplied(
        () => definition.check(context, body),
        context.updateId,
        () => dossierHandle(deps, context.dossier),
        (error) => workflowProblem(error, context.dossier, undefined),
      );
      if (outcome === 'run') await definition.send(context, body);
      res.json(await actionResult(deps, code));
    });
  }
  return router;
}

export const registerActionDocs: DocsRegistration = (registry) => {
  for (const definition of ACTIONS) {
    registry.registerPath({
      method: 'post',
      path: `/api/dossiers/{code}/${definition.path}`,
      summary: definition.summary,
      description:
        `Who: ${definition.who}. Checked in the read model first: the dossier exists (404), the step is open (409) and is the caller's (403), ` +
        "the version sent is current (409, with `currentVersion`). Then forwarded to the dossier's workflow as an Update, whose validator may still " +
        'refuse (409 stale version or wrong stage, 403 not your task, 422 a business rule; `reason` names the refusal). ' +
        `The answer is the dossier read back from the read model. Send an ${IDEMPOTENCY_HEADER} header to make retries safe.`,
      security: [{ bearerAuth: [] }],
      request: {
        params: DossierCodeParamsSchema,
        headers: z.object({ [IDEMPOTENCY_HEADER]: z.string().max(255).optional() }),
        body: { required: true, content: { 'application/json': { schema: definition.schema } } },
      },
      responses: {
        200: { description: 'Đã ghi nhận; hồ sơ sau thao tác', content: { 'application/json': { schema: ActionResultSchema } } },
        ...problemResponses(400, 401, 403, 404, 409, 422, 503),
      },
    });
  }
};
