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

const DeadlineSchema = z.object({
  due: IsoDateSchema,
  amount: z.number(),
  unit: z.string(),
  skipped: z.array(z.object({ date: IsoDateSchema, reason: z.string() })),
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
    applicant: z.object({ name: z.string(), taxCode: z.string(), email: z.string() }),
    version: z.number().int(),
    deadlines: z.record(z.string(), DeadlineSchema),
    timeline: z.array(
      z.object({ at: z.string(), actor: z.string(), action: z.string(), oldValue: z.unknown(), newValue: z.unknown() }),
    ),
  })
  .openapi('Dossier');

export type DossierView = z.infer<typeof DossierViewSchema>;
