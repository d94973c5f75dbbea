import { DOSSIER_CODE_PATTERN } from '../../domain/dossier-code';
import { IsoDateSchema } from '../http/dates';
import { text, z } from '../http/zod';


export const SubmitDossierSchema = z
  .object({
    clusterCode: text().trim().min(1, 'Cần mã cụm công nghiệp').max(64).openapi({ example: 'LOC-GIANG-1' }),
    projectTitle: text().trim().min(5, 'Tên dự án tối thiểu 5 ký tự').max(300),
    receivedOn: IsoDateSchema.optional().openapi({ description: 'Ngày nhận văn bản đề nghị; mặc định hôm nay (giờ Việt Nam). Quyết định bộ quy tắc áp dụng.' }),
    applicant: z.object({
      name: text().trim().min(2, 'Cần tên nhà đầu tư').max(300),
      taxCode: text().regex(/^\d{10}(-\d{3})?$/, 'Mã số thuế gồm 10 chữ số, hoặc 10 chữ số-3 chữ số'),
      email: z.email('Email không hợp lệ'),
    }),
  })
  .strict()
  .openapi('SubmitDossier');

export type SubmitDossierRequest = z.infer<typeof SubmitDossierSchema>;

export const DossierCodeParamsSchema = z.object({
  code: text().regex(DOSSIER_CODE_PATTERN, 'Mã hồ sơ có dạng CCN-XXXXX-XXXXX').openapi({ example: 'CCN-7KQ4M-2XB9T' }),
});

export const DeadlineSchema = z
  .object({
    from: IsoDateSchema.optional().openapi({ description: 'Ngày sự kiện; thời hạn tính từ ngày hôm sau.' }),
    due: IsoDateSchema,
    amount: z.number(),
    unit: z.string(),
    skipped: z.array(z.object({ date: IsoDateSchema, reason: z.string() })).openapi({ description: 'Ngày nghỉ, cuối tuần và ngày tạm dừng làm lùi hạn.' }),
    closed: z.boolean().optional().openapi({ description: 'Bước đã xong: hạn chỉ còn để tham khảo.' }),
  })
  .openapi('Deadline');

const TaskViewSchema = z.object({
  taskId: z.string(),
  kind: z.string(),
  role: z.string().nullable(),
  departmentCode: z.string().nullable(),
  status: z.string(),
  version: z.number().int(),
  dueOn: IsoDateSchema.nullable(),
});

export const DossierViewSchema = z
  .object({
    code: z.string(),
    stage: z.string(),
    status: z.string(),
    ruleSetId: z.string(),
    filedOn: IsoDateSchema,
    projectTitle: z.string(),
    cluster: z.object({ code: z.string(), name: z.string(), district: z.string() }),
    applicant: z
      .object({ name: z.string(), taxCode: z.string().nullable(), email: z.string().nullable() })
      .openapi({ description: 'Mã số thuế và email là thông tin liên hệ: null với cán bộ góp ý (REVIEWER) của sở không được hỏi ý kiến về hồ sơ này.' }),
    version: z.number().int(),
    deadlines: z.record(z.string(), DeadlineSchema),
    publicLookupUrl: z.string().openapi({ description: 'Địa chỉ tra cứu công khai của hồ sơ (PUBLIC_BASE_URL/tra-cuu/<mã>), in thành mã QR trên phiếu.' }),
    round: z.object({ code: z.string(), stage: z.string() }).openapi({ description: 'Đợt lựa chọn của hồ sơ: báo cáo thẩm định và quyết định ở GET /api/rounds/{code}.' }),
    tasks: z.array(TaskViewSchema).openapi({ description: 'Mọi nhiệm vụ của hồ sơ với phiên bản (taskVersion khi cho ý kiến).' }),
    clock: z
      .object({
        startedOn: IsoDateSchema,
        due: IsoDateSchema,
        daysUsed: z.number(),
        daysLeft: z.number(),
        unit: z.string(),
        paused: z.boolean(),
        pausedSince: IsoDateSchema.nullable(),
        overdue: z.boolean(),
      })
      .nullable()
      .openapi({ description: 'Thời hạn thẩm định: chạy hay tạm dừng (từ ngày nào), đã dùng và còn lại.' }),
    missing: z.array(z.string()).openapi({ description: 'Tài liệu được yêu cầu bổ sung, khi đang chờ bổ sung.' }),
    missingItems: z
      .array(z.object({ code: z.string(), label: z.string(), kind: z.enum(['missing', 'defective']), reason: z.string() }))
      .openapi({ description: 'Yêu cầu bổ sung theo từng thành phần hồ sơ (mã, tên, thiếu hay có sai sót, lý do), khi đang chờ bổ sung.' }),
    screening: z
      .object({ eligible: z.boolean(), failures: z.array(z.object({ criterion: z.string(), reason: z.string() })) })
      .nullable(),
    opinions: z
      .array(
        z.object({
          departmentCode: z.string(),
          verdict: z.string(),
          text: z.string().openapi({ description: 'Nội dung ý kiến, điều kiện kèm theo; rỗng khi coi như đồng ý.' }),
          deemed: z.boolean(),
          by: z.string().nullable().openapi({ description: 'Người cho ý kiến; null khi hết hạn không có ý kiến (coi như đồng ý).' }),
          at: z.string(),
        }),
      )
      .openapi({ description: 'Ý kiến các sở, ngành đã cho (hoặc coi như đồng ý), với nội dung.' }),
    scores: z.array(z.object({ member: z.string(), total: z.number(), criteria: z.record(z.string(), z.number()) })),
    timeline: z.array(
      z.object({ at: z.string(), actor: z.string(), action: z.string(), oldValue: z.unknown(), newValue: z.unknown() }),
    ),
  })
  .openapi('Dossier');

export type DossierView = z.infer<typeof DossierViewSchema>;
