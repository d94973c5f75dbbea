import { ROUND_STATUSES } from '../../domain';
import { IsoDateSchema } from '../http/dates';
import { multilineText, text, z } from '../http/zod';
import { DeadlineSchema } from '../dossiers/schemas';

export const RoundCodeParamsSchema = z.object({
  code: text()
    .regex(/^[A-Z0-9-]{1,60}-R\d{1,4}$/, 'mã đợt lựa chọn có dạng <mã cụm>-R<số đợt>, ví dụ DH-LOC-GIANG-1-R1')
    .openapi({ param: { name: 'code', in: 'path' }, example: 'DH-LOC-GIANG-1-R1' }),
});

export const RoundListQuerySchema = z.object({
  cluster: text().regex(/^[A-Z0-9-]{1,60}$/, 'mã cụm công nghiệp').optional(),
  stage: z.enum(ROUND_STATUSES).optional(),
});

const expectedVersion = z.number().int().min(0).openapi({ description: 'Phiên bản đợt lựa chọn đang xem (GET /api/rounds/{code}).' });

export const AnnouncementSchema = z
  .object({
    announcedOn: IsoDateSchema.openapi({ description: 'Ngày thông báo công khai (không ở tương lai, không trước văn bản đề nghị đầu tiên).' }),
    publishedAt: text().trim().min(1).max(500).openapi({ description: 'Nơi đăng: báo, cổng thông tin, bảng tin của UBND.' }),
    expectedVersion,
  })
  .strict()
  .openapi('CallAnnouncement');

export const SubmissionSchema = z.object({ expectedVersion }).strict().openapi('DossierSubmission');

export const RoundReportSchema = z
  .object({
    summary: multilineText().trim().min(1).max(20_000),
    chairProposal: text().trim().min(1).max(64).optional().openapi({ description: 'Mã hồ sơ Chủ tịch Hội đồng đề xuất, chỉ dùng khi bộ quy tắc để Chủ tịch phá thế hoà.' }),
    expectedVersion,
  })
  .strict()
  .openapi('RoundReport');

export const RoundDecisionSchema = z
  .object({
    outcome: z.enum(['APPROVE', 'REJECT', 'RETURN']).openapi({ description: 'APPROVE chấp thuận nhà đầu tư được đề xuất; REJECT không chấp thuận; RETURN trả lại để hoàn thiện báo cáo.' }),
    reason: multilineText().trim().max(5_000).default('').openapi({ description: 'Lý do; bắt buộc khi không chấp thuận hoặc trả lại.' }),
    expectedVersion,
  })
  .strict()
  .openapi('RoundDecision');

const RankedSchema = z.object({ applicantId: z.string(), meanScore: z.number(), qualifies: z.boolean() }).passthrough();

export const RoundViewSchema = z
  .object({
    code: z.string(),
    number: z.number().int(),
    stage: z.string(),
    version: z.number().int(),
    ruleSetId: z.string(),
    cluster: z.object({ code: z.string(), name: z.string() }),
    openedOn: IsoDateSchema,
    deadlines: z.record(z.string(), DeadlineSchema),
    announcement: z.object({ announcedOn: IsoDateSchema, publishedAt: z.string(), by: z.string() }).nullable(),
    submittedOn: IsoDateSchema.nullable(),
    applicants: z.array(
      z.object({
        code: z.string(),
        projectTitle: z.string(),
        applicantName: z.string(),
        filedOn: IsoDateSchema,
        stage: z.string(),
        status: z.string(),
        scores: z
          .array(z.object({ member: z.string(), total: z.number(), criteria: z.record(z.string(), z.number()) }))
          .nullable()
          .openapi({ description: 'Phiếu chấm điểm, chỉ hiện khi việc chấm điểm của đợt đã khép lại.' }),
      }),
    ),
    ranking: z.array(RankedSchema).nullable(),
    report: z.object({ by: z.string(), on: IsoDateSchema, summary: z.string(), proposed: z.string().nullable() }).nullable(),
    decisions: z.array(z.object({ outcome: z.string(), reason: z.string(), by: z.string(), at: z.string(), winnerCode: z.string().nullable() })),
    tasks: z.array(z.object({ taskId: z.string(), kind: z.string(), role: z.string().nullable(), departmentCode: z.string().nullable(), status: z.string(), version: z.number().int(), dueOn: IsoDateSchema.nullable() })),
    timeline: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), newValue: z.unknown() })),
  })
  .openapi('Round');

export const RoundSummarySchema = RoundViewSchema.pick({ code: true, number: true, stage: true, version: true, cluster: true, openedOn: true, deadlines: true }).extend({ applicantCount: z.number().int() }).openapi('RoundSummary');

export type RoundView = z.infer<typeof RoundViewSchema>;
export type RoundSummary = z.infer<typeof RoundSummarySchema>;
