import { Router } from 'express';
import type { UpdateDefinition } from '@temporalio/common';
import { todayInVietnam } from '../../infra/clock';
import {
  decideEscalationUpdate,
  recordCommitmentsUpdate,
  recordConversionPlanUpdate,
  recordInspectionUpdate,
  recordMilestoneUpdate,
  recordRemediationUpdate,
  recordReportUpdate,
  withdrawFromPlanUpdate,
  type ClusterSnapshot,
} from '../../workflows/monitoring/api';
import { authenticate, currentUser, requireRole, STAFF_ROLES, type Role } from '../auth/middleware';
import type { ApiDeps } from '../deps';
import { idempotency, IDEMPOTENCY_HEADER } from '../http/idempotency';
import { problemResponses, type DocsRegistration } from '../http/openapi';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import { z } from '../http/zod';
import {
  ClusterCodeParamsSchema,
  ClusterListQuerySchema,
  ClusterSummarySchema,
  ClusterViewSchema,
  CommitmentsSchema,
  ConversionPlanSchema,
  EscalationSchema,
  InspectionSchema,
  MilestoneSchema,
  RemediationSchema,
  ReportSchema,
  ViolationParamsSchema,
  WithdrawalSchema,
} from './schemas';
import { forwardToCluster, getCluster, listClusters, requireMonitored } from './service';

/** One person's action on a monitored cluster: POST /api/clusters/{code}/{path}, forwarded as `update`. */
interface ClusterAction {
  path: string;
  roles: Role[];
  who: string;
  summary: string;
  schema: z.ZodType;
  params: typeof ClusterCodeParamsSchema | typeof ViolationParamsSchema;
  update: UpdateDefinition<unknown, [never]>;
}

const DOIT = 'APPRAISER (DOIT staff)';

const act = <A>(a: Omit<ClusterAction, 'update'> & { update: UpdateDefinition<ClusterSnapshot, [A]> }) => a as unknown as ClusterAction;

const CLUSTER_ACTIONS: ClusterAction[] = [
  act({ path: 'commitments', roles: ['APPRAISER'], who: DOIT, summary: 'Ghi nhận ngày nhà đầu tư cam kết trong hồ sơ đề xuất cho các mốc tiến độ', schema: CommitmentsSchema, params: ClusterCodeParamsSchema, update: recordCommitmentsUpdate }),
  act({ path: 'milestones', roles: ['APPRAISER'], who: DOIT, summary: 'Ghi nhận một mốc tiến độ đã đạt (quy chế dịch vụ, bàn giao đất, khởi công, xử lý nước thải, hoàn thành hạ tầng)', schema: MilestoneSchema, params: ClusterCodeParamsSchema, update: recordMilestoneUpdate }),
  act({ path: 'reports', roles: ['APPRAISER'], who: DOIT, summary: 'Ghi nhận báo cáo định kỳ của chủ đầu tư: diện tích cho thuê, doanh nghiệp thứ cấp, ngành nghề (ngành ưu tiên được đánh dấu)', schema: ReportSchema, params: ClusterCodeParamsSchema, update: recordReportUpdate }),
  act({ path: 'inspections', roles: ['APPRAISER'], who: DOIT, summary: 'Ghi nhận kết quả kiểm tra (đất đai, đầu tư, xây dựng, môi trường, PCCC); mỗi vi phạm mở một yêu cầu khắc phục có thời hạn', schema: InspectionSchema, params: ClusterCodeParamsSchema, update: recordInspectionUpdate }),
  act({ path: 'violations/:violation/remediation', roles: ['APPRAISER'], who: DOIT, summary: 'Ghi nhận vi phạm đã được khắc phục', schema: RemediationSchema, params: ViolationParamsSchema, update: recordRemediationUpdate }),
  act({ path: 'violations/:violation/escalation', roles: ['MANAGER'], who: 'MANAGER', summary: 'Quyết định xử lý vi phạm chưa khắc phục đúng hạn: bước tiếp theo (nhắc nhở → đề xuất xử phạt → đề xuất thu hồi quyết định/thay thế chủ đầu tư) hoặc gia hạn, có lý do', schema: EscalationSchema, params: ViolationParamsSchema, update: decideEscalationUpdate }),
  act({ path: 'withdrawal', roles: ['MANAGER'], who: 'MANAGER', summary: 'Đưa cụm ra khỏi quy hoạch: dừng các mốc và báo cáo, mở việc lập phương án chuyển đổi/quản lý', schema: WithdrawalSchema, params: ClusterCodeParamsSchema, update: withdrawFromPlanUpdate }),
  act({ path: 'conversion-plan', roles: ['APPRAISER'], who: DOIT, summary: 'Ghi nhận phương án chuyển đổi/quản lý cụm đã đưa ra khỏi quy hoạch, với những gì còn phải theo dõi', schema: ConversionPlanSchema, params: ClusterCodeParamsSchema, update: recordConversionPlanUpdate }),
];

export function clusterRouter(deps: ApiDeps): Router {
  const router = Router();
  const signedIn = authenticate(deps);
  const perUser = idempotency(deps.prisma, (res) => `user:${currentUser(res).id}`);

  router.get('/api/clusters', signedIn, requireRole(...STAFF_ROLES), async (req, res) => {
    res.json(await listClusters(deps, parseQuery(ClusterListQuerySchema, req), todayInVietnam()));
  });
  router.get('/api/clusters/:code', signedIn, requireRole(...STAFF_ROLES), async (req, res) => {
    const { code } = parseParams(ClusterCodeParamsSchema, req);
    res.json(await getCluster(deps, code, todayInVietnam()));
  });
  for (const action of CLUSTER_ACTIONS) {
    router.post(`/api/clusters/:code/${action.path}`, signedIn, requireRole(...action.roles), perUser, async (req, res) => {
      const params = parseParams(action.params, req) as { code: string; violation?: string };
      const body = parseBody(action.schema, req) as object;
      const user = currentUser(res);
      await requireMonitored(deps, params.code);
      const key = res.locals.idempotencyKey as string | undefined;
      const arg = { ...body, ...(params.violation ? { violation: params.violation } : {}), actor: user.username } as never;
      // The key is the Update id: Temporal records a repeated action once, even after a crashed request.
      await forwardToCluster(deps, params.code, action.update, arg, key ? `${action.path}:${user.id}:${key}` : undefined);
      res.json(await getCluster(deps, params.code, todayInVietnam()));
    });
  }
  return router;
}

export const registerClusterDocs: DocsRegistration = (registry) => {
  registry.registerPath({
    method: 'get',
    path: '/api/clusters',
    summary: 'Các cụm công nghiệp đang được theo dõi sau quyết định: giai đoạn, chủ đầu tư, mốc tiến độ và số ngày trễ, báo cáo gần nhất, tỷ lệ lấp đầy, vi phạm đang mở',
    security: [{ bearerAuth: [] }],
    request: { query: ClusterListQuerySchema },
    responses: { 200: { description: 'Danh sách cụm', content: { 'application/json': { schema: z.array(ClusterSummarySchema) } } }, ...problemResponses(400, 401, 403) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/clusters/{code}',
    summary: 'Một cụm đang được theo dõi: mốc, báo cáo, kiểm tra, vi phạm và các bước xử lý, việc đang mở, dòng thời gian',
    security: [{ bearerAuth: [] }],
    request: { params: ClusterCodeParamsSchema },
    responses: { 200: { description: 'Cụm công nghiệp', content: { 'application/json': { schema: ClusterViewSchema } } }, ...problemResponses(400, 401, 403, 404) },
  });
  for (const action of CLUSTER_ACTIONS) {
    registry.registerPath({
      method: 'post',
      path: `/api/clusters/{code}/${action.path.replace(':violation', '{violation}')}`,
      summary: action.summary,
      description:
        `Who: ${action.who}. The cluster must be monitored (404). Forwarded to the cluster's monitoring workflow as an Update, whose validator may refuse ` +
        '(409 StaleVersion or Busy; 422 a business rule, `reason` names it: TooSoon, NoReason, NotDue, TopOfLadder, NoReportDue...). ' +
        `The answer is the cluster read back from the read model. Send an ${IDEMPOTENCY_HEADER} header to make retries safe.`,
      security: [{ bearerAuth: [] }],
      request: {
        params: action.params,
        headers: z.object({ [IDEMPOTENCY_HEADER]: z.string().max(255).optional() }),
        body: { required: true, content: { 'application/json': { schema: action.schema } } },
      },
      responses: { 200: { description: 'Đã ghi nhận; cụm sau thao tác', content: { 'application/json': { schema: ClusterViewSchema } } }, ...problemResponses(400, 401, 403, 404, 409, 422, 503) },
    });
  }
};
