import { ESCALATION_STEPS, INSPECTION_AREAS, INSPECTION_KINDS, MILESTONE_KINDS, MONITORING_STAGES, REVOCATION_MEASURES } from '../../domain';
import { IsoDateSchema } from '../http/dates';
import { multilineText, text, z } from '../http/zod';

export const ClusterCodeParamsSchema = z.object({
  code: text()
    .regex(/^[A-Z0-9-]{1,60}$/, 'mã cụm công nghiệp, ví dụ DH-LOC-GIANG-1')
    .openapi({ param: { name: 'code', in: 'path' }, example: 'DH-LOC-GIANG-1' }),
});

export const ViolationParamsSchema = ClusterCodeParamsSchema.extend({
  violation: text().regex(/^V\d{1,6}$/, 'số vi phạm dạng V1, V2...').openapi({ param: { name: 'violation', in: 'path' }, example: 'V1' }),
});

const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const ClusterListQuerySchema = z
  .object({
    late: flag.openapi({ description: 'Chỉ cụm có việc đã quá hạn (mốc, báo cáo, khắc phục, quyết định xử lý, phương án chuyển đổi)' }),
    polluting: flag.openapi({ description: 'Chỉ cụm có vi phạm về môi trường chưa khắc phục' }),
    lowOccupancy: flag.openapi({ description: 'Chỉ cụm có tỷ lệ lấp đầy (báo cáo gần nhất) dưới ngưỡng của lịch theo dõi' }),
    withoutEnvironmentalInfrastructure: flag.openapi({ description: 'Chỉ cụm chưa có trạm xử lý nước thải tập trung vận hành' }),
    stage: z.enum(MONITORING_STAGES).optional(),
  })
  .strict();

const expectedVersion = z.number().int().min(0).optional().openapi({ description: 'Phiên bản theo dõi cụm đang xem (GET /api/clusters/{code}); khi gửi, phiên bản cũ bị từ chối (409).' });

export const CommitmentsSchema = z
  .object({
    dates: z
      .partialRecord(z.enum(MILESTONE_KINDS), IsoDateSchema)
      .refine((d) => Object.keys(d).length > 0, 'cần ít nhất một mốc')
      .openapi({ description: 'Ngày nhà đầu tư cam kết trong hồ sơ đề xuất, theo mốc.' }),
    expectedVersion,
  })
  .strict()
  .openapi('MilestoneCommitments');

export const MilestoneSchema = z
  .object({ milestone: z.enum(MILESTONE_KINDS), achievedOn: IsoDateSchema, note: multilineText().trim().max(5_000).default(''), expectedVersion })
  .strict()
  .openapi('MilestoneAchieved');

export const ReportSchema = z
  .object({
    periodEnd: IsoDateSchema.openapi({ description: 'Ngày cuối kỳ báo cáo đang chờ (xem agenda của cụm).' }),
    receivedOn: IsoDateSchema,
    tenants: z
      .array(z.object({ name: text().trim().min(1).max(300), sector: text().trim().min(1).max(60).openapi({ description: 'Mã ngành; ngành ưu tiên (Nghị định 32/2024 Điều 3) được đánh dấu' }), leasedHa: z.number().min(0).max(10_000) }).strict())
      .max(2_000),
    note: multilineText().trim().max(10_000).default(''),
    expectedVersion,
  })
  .strict()
  .openapi('PeriodicReport');

export const InspectionSchema = z
  .object({
    area: z.enum(INSPECTION_AREAS),
    tenant: text().trim().max(300).optional().openapi({ description: 'Doanh nghiệp được kiểm tra; bỏ trống: chủ đầu tư hạ tầng' }),
    kind: z.enum(INSPECTION_KINDS).openapi({ description: 'SCHEDULED: theo kế hoạch, tối đa một lần một năm cho mỗi nội dung; AD_HOC: đột xuất khi có dấu hiệu vi phạm, phải nêu lý do' }),
    reason: multilineText().trim().max(5_000).optional(),
    inspectedOn: IsoDateSchema,
    findings: multilineText().trim().min(1).max(20_000),
    violations: z.array(z.object({ description: multilineText().trim().min(1).max(5_000), remediationDays: z.number().int().min(1).max(3650).optional() }).strict()).max(50).default([]),
    expectedVersion,
  })
  .strict()
  .openapi('Inspection');

export const RemediationSchema = z.object({ note: multilineText().trim().min(1).max(5_000), expectedVersion }).strict().openapi('Remediation');

export const EscalationSchema = z
  .object({
    outcome: z.enum(['ESCALATE', 'EXTEND']).openapi({ description: 'ESCALATE: bước tiếp theo (nhắc nhở → đề xuất xử phạt → đề xuất thu hồi/thay thế chủ đầu tư); EXTEND: gia hạn khắc phục ở bước hiện tại' }),
    measure: z.enum(REVOCATION_MEASURES).optional().openapi({ description: 'Bắt buộc ở bước cuối' }),
    reason: multilineText().trim().min(1).max(5_000),
    expectedVersion,
  })
  .strict()
  .openapi('EscalationDecision');

export const WithdrawalSchema = z.object({ reason: multilineText().trim().min(1).max(5_000), expectedVersion }).strict().openapi('WithdrawalFromPlan');

export const ConversionPlanSchema = z
  .object({ summary: multilineText().trim().min(1).max(20_000), tracked: z.array(text().trim().min(1).max(300)).max(50).default([]), expectedVersion })
  .strict()
  .openapi('ConversionPlan');

const MilestoneViewSchema = z.object({
  kind: z.enum(MILESTONE_KINDS),
  name: z.string(),
  dueOn: IsoDateSchema,
  committed: z.boolean(),
  achievedOn: IsoDateSchema.nullable(),
  cancelled: z.boolean(),
  daysLate: z.number().int().openapi({ description: 'Ngày (lịch) quá hạn tính đến hôm nay hoặc đến ngày đạt; 0 nếu không trễ' }),
  skipped: z.array(z.object({ date: IsoDateSchema, reason: z.string() })),
});

const ReportViewSchema = z.object({
  periodEnd: IsoDateSchema,
  dueOn: IsoDateSchema,
  receivedOn: IsoDateSchema.nullable(),
  leasedHa: z.number().nullable(),
  occupancyPercent: z.number().nullable(),
  tenants: z.array(z.object({ name: z.string(), sector: z.string(), leasedHa: z.number(), priority: z.boolean() })),
});

const ViolationViewSchema = z.object({
  number: z.string(),
  area: z.enum(INSPECTION_AREAS),
  description: z.string(),
  status: z.string(),
  remediationDueOn: IsoDateSchema,
  step: z.enum(ESCALATION_STEPS).nullable(),
  steps: z.array(z.unknown()),
});

export const ClusterSummarySchema = z
  .object({
    code: z.string(),
    name: z.string(),
    district: z.string(),
    areaHa: z.number(),
    stage: z.enum(MONITORING_STAGES),
    version: z.number().int(),
    decidedOn: IsoDateSchema,
    roundCode: z.string(),
    investor: z.object({ name: z.string(), dossierCode: z.string() }),
    milestones: z.array(MilestoneViewSchema),
    latestReport: ReportViewSchema.nullable(),
    occupancyPercent: z.number().nullable(),
    openViolations: z.array(ViolationViewSchema),
    environmentalInfrastructureOn: IsoDateSchema.nullable(),
    late: z.boolean(),
    polluting: z.boolean(),
    lowOccupancy: z.boolean(),
  })
  .openapi('MonitoredClusterSummary');

export const ClusterViewSchema = ClusterSummarySchema.extend({
  scheduleId: z.string(),
  reports: z.array(ReportViewSchema),
  inspections: z.array(z.object({ number: z.number().int(), area: z.string(), tenant: z.string(), kind: z.string(), reason: z.string(), inspectedOn: IsoDateSchema, findings: z.string(), by: z.string() })),
  violations: z.array(ViolationViewSchema),
  tasks: z.array(z.object({ taskId: z.string(), kind: z.string(), item: z.string(), title: z.string(), role: z.string().nullable(), status: z.string(), dueOn: IsoDateSchema.nullable(), overdue: z.boolean() })),
  withdrawal: z.unknown().nullable(),
  timeline: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), newValue: z.unknown() })),
}).openapi('MonitoredCluster');

export type ClusterSummary = z.infer<typeof ClusterSummarySchema>;
export type ClusterView = z.infer<typeof ClusterViewSchema>;
export type ClusterListQuery = z.infer<typeof ClusterListQuerySchema>;
