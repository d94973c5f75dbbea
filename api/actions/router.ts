import { Router, type Response } from 'express';
import type { CouncilSeat } from '../../workflows/dossier/api';
import {
  checkCompletenessUpdate,
  decideUpdate,
  giveOpinionUpdate,
  requestSupplementUpdate,
  screenApplicantUpdate,
  submitReportUpdate,
  submitScoreUpdate,
  submitSupplementUpdate,
  withdrawUpdate,
} from '../../workflows/dossier/api';
import { authenticate, currentUser, requireRole, type Role } from '../auth/middleware';
import type { ApiDeps } from '../deps';
import { DossierCodeParamsSchema } from '../dossiers/schemas';
import { problemResponses, type DocsRegistration } from '../http/openapi';
import { forbidden } from '../http/problem';
import { parseBody, parseParams } from '../http/validate';
import type { z } from '../http/zod';
import {
  ActionResultSchema,
  CompletenessSchema,
  DecisionSchema,
  OpinionSchema,
  ReportSchema,
  ScoreSchema,
  ScreeningSchema,
  SupplementRequestSchema,
  SupplementSchema,
  WithdrawalSchema,
} from './schemas';
import { sendAction } from './service';

const SEATS: Record<string, CouncilSeat> = { CHAIR: 'chair', VICE_CHAIR: 'vice-chair', MEMBER: 'member', SECRETARY: 'secretary' };

interface Action {
  path: string;
  role: Role;
  summary: string;
  schema: z.ZodType;
  run(deps: ApiDeps, code: string, body: never, res: Response): Promise<unknown>;
}

/**
 * The people's actions on a dossier, one POST each; the actor is the signed-in user, never the body.
 * Each forwards to the dossier workflow's Update (workflows/dossier/api.ts), whose validator decides.
 */
const ACTIONS: Action[] = [
  {
    path: 'completeness',
    role: 'INTAKE_OFFICER',
    summary: 'Kiểm tra tính đầy đủ: đủ, hoặc yêu cầu bổ sung (completeness check)',
    schema: CompletenessSchema,
    run: (deps, code, body: z.infer<typeof CompletenessSchema>, res) => sendAction(deps, code, checkCompletenessUpdate, { ...body, actor: currentUser(res).username }),
  },
  {
    path: 'supplement-requests',
    role: 'APPRAISER',
    summary: 'Yêu cầu bổ sung trong khi thẩm định: đồng hồ thẩm định tạm dừng',
    schema: SupplementRequestSchema,
    run: (deps, code, body: z.infer<typeof SupplementRequestSchema>, res) => sendAction(deps, code, requestSupplementUpdate, { ...body, actor: currentUser(res).username }),
  },
  {
    path: 'supplements',
    role: 'INTAKE_OFFICER',
    summary: 'Ghi nhận tài liệu bổ sung nhà đầu tư đã nộp: đồng hồ thẩm định chạy lại',
    schema: SupplementSchema,
    run: (deps, code, body: z.infer<typeof SupplementSchema>, res) => sendAction(deps, code, submitSupplementUpdate, { ...body, actor: currentUser(res).username }),
  },
  {
    path: 'withdrawal',
    role: 'INTAKE_OFFICER',
    summary: 'Ghi nhận văn bản rút hồ sơ của nhà đầu tư',
    schema: WithdrawalSchema,
    run: (deps, code, body: z.infer<typeof WithdrawalSchema>, res) => sendAction(deps, code, withdrawUpdate, { ...body, actor: currentUser(res).username }),
  },
  {
    path: 'opinions',
    role: 'REVIEWER',
    summary: 'Ý kiến của sở, ngành của người đăng nhập (department opinion)',
    schema: OpinionSchema,
    run: (deps, code, body: z.infer<typeof OpinionSchema>, res) => {
      const user = currentUser(res);
      if (!user.departmentCode) throw forbidden(`Tài khoản ${user.username} không thuộc sở, ngành nào nên không cho ý kiến được.`);
      return sendAction(deps, code, giveOpinionUpdate, { ...body, departmentCode: user.departmentCode, actor: user.username });
    },
  },
  {
    path: 'screening',
    role: 'APPRAISER',
    summary: 'Sơ tuyển điều kiện nhà đầu tư (eligibility screening)',
    schema: ScreeningSchema,
    run: (deps, code, body: z.infer<typeof ScreeningSchema>, res) =>
      sendAction(deps, code, screenApplicantUpdate, { ...body, facts: body.facts as never, actor: currentUser(res).username }),
  },
  {
    path: 'scores',
    role: 'COUNCIL_MEMBER',
    summary: 'Phiếu chấm điểm của thành viên Hội đồng đăng nhập (score sheet)',
    schema: ScoreSchema,
    run: (deps, code, body: z.infer<typeof ScoreSchema>, res) => {
      const user = currentUser(res);
      const seat = user.councilRole ? SEATS[user.councilRole] : undefined;
      if (!seat) throw forbidden(`Tài khoản ${user.username} không có ghế trong Hội đồng.`);
      return sendAction(deps, code, submitScoreUpdate, { criteria: body.criteria, councilRole: seat, actor: user.username });
    },
  },
  {
    path: 'report',
    role: 'APPRAISER',
    summary: 'Báo cáo thẩm định: xếp hạng các nhà đầu tư của đợt, đề xuất nhà đầu tư',
    schema: ReportSchema,
    run: (deps, code, body: z.infer<typeof ReportSchema>, res) => sendAction(deps, code, submitReportUpdate, { ...body, actor: currentUser(res).username }),
  },
  {
    path: 'decision',
    role: 'MANAGER',
    summary: 'Quyết định: chấp thuận, không chấp thuận, hoặc trả lại để hoàn thiện báo cáo',
    schema: DecisionSchema,
    run: (deps, code, body: z.infer<typeof DecisionSchema>, res) => sendAction(deps, code, decideUpdate, { ...body, actor: currentUser(res).username }),
  },
];

export function actionRouter(deps: ApiDeps): Router {
  const router = Router();
  const signedIn = authenticate(deps);
  for (const action of ACTIONS) {
    router.post(`/api/dossiers/:code/${action.path}`, signedIn, requireRole(action.role), async (req, res) => {
      const { code } = parseParams(DossierCodeParamsSchema, req);
      const body = parseBody(action.schema, req) as never;
      res.json(await action.run(deps, code, body, res));
    });
  }
  return router;
}

export const registerActionDocs: DocsRegistration = (registry) => {
  for (const action of ACTIONS) {
    registry.registerPath({
      method: 'post',
      path: `/api/dossiers/{code}/${action.path}`,
      summary: action.summary,
      description: `Role ${action.role}. Forwarded to the dossier's workflow as an Update; its validator refuses a stale version or a step that is not open (409).`,
      security: [{ bearerAuth: [] }],
      request: { params: DossierCodeParamsSchema, body: { content: { 'application/json': { schema: action.schema } } } },
      responses: {
        200: { description: 'Đã ghi nhận', content: { 'application/json': { schema: ActionResultSchema } } },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    });
  }
};
