import { DossierStage, DossierStatus } from '../../generated/prisma/client';
import { IsoDateSchema } from '../http/dates';
import { cursorParam, keyPart } from '../http/cursor';
import { text, z } from '../http/zod';

export const MAX_PAGE_SIZE = 100;
/** `total` counts at most this many dossiers (then totalExact is false): a page never counts the archive. */
export const TOTAL_LIMIT = 1_000;
/** Offset paging stops here; deeper pages are reached with `cursor` (keyset), which costs the same at any depth. */
export const MAX_OFFSET = 10_000;

/** The list's sort key (filed on, newest first; code): where a page ends. */
export type DossierListCursor = { filedOn: string; code: string };

export const DossierListQuerySchema = z
  .object({
    cluster: text().trim().min(1).max(64).optional().openapi({ description: 'Mã cụm công nghiệp', example: 'DH-LOC-GIANG-1' }),
    stage: z.enum(DossierStage).optional(),
    status: z.enum(DossierStatus).optional(),
    overdue: z.enum(['true', 'false'], 'overdue là true hoặc false').transform((v) => v === 'true').optional().openapi({
      description: 'true: có việc đang mở đã quá hạn; false: không có',
    }),
    filedFrom: IsoDateSchema.optional().openapi({ description: 'Nộp từ ngày (bao gồm)' }),
    filedTo: IsoDateSchema.optional().openapi({ description: 'Nộp đến ngày (bao gồm)' }),
    page: z.coerce.number('page là số nguyên ≥ 1').int('page là số nguyên ≥ 1').min(1, 'page là số nguyên ≥ 1').default(1),
    pageSize: z.coerce
      .number(`pageSize là số nguyên 1–${MAX_PAGE_SIZE}`)
      .int(`pageSize là số nguyên 1–${MAX_PAGE_SIZE}`)
      .min(1, `pageSize là số nguyên 1–${MAX_PAGE_SIZE}`)
      .max(MAX_PAGE_SIZE, `pageSize tối đa ${MAX_PAGE_SIZE}`)
      .default(20),
    cursor: cursorParam<DossierListCursor>((key) => {
      const [filedOn, code] = key as unknown[];
      return keyPart.date(filedOn) && keyPart.code(code) ? { filedOn, code } : null;
    }).optional(),
  })
  .strict()
  .refine((q) => !q.filedFrom || !q.filedTo || q.filedFrom <= q.filedTo, { message: 'filedFrom phải trước hoặc bằng filedTo', path: ['filedTo'] })
  .refine((q) => (q.page - 1) * q.pageSize <= MAX_OFFSET, {
    message: `page × pageSize vượt quá ${MAX_OFFSET} hồ sơ: dùng cursor (nextCursor của trang trước) để xem sâu hơn`,
    path: ['page'],
  })
  .refine((q) => !q.cursor || q.page === 1, { message: 'cursor thay cho page: bỏ page khi gửi cursor', path: ['page'] });

export type DossierListQuery = z.infer<typeof DossierListQuerySchema>;

export const DossierListItemSchema = z
  .object({
    code: z.string(),
    projectTitle: z.string(),
    cluster: z.object({ code: z.string(), name: z.string() }),
    applicantName: z.string(),
    stage: z.enum(DossierStage),
    status: z.enum(DossierStatus),
    filedOn: z.string(),
    nextDue: z.string().nullable().openapi({ description: 'Hạn gần nhất của các việc đang mở' }),
    overdue: z.boolean(),
  })
  .openapi('DossierListItem');

export const DossierListSchema = z
  .object({
    items: z.array(DossierListItemSchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int().openapi({ description: `Số hồ sơ khớp bộ lọc, đếm tối đa ${TOTAL_LIMIT} (totalExact false: còn nhiều hơn)` }),
    totalExact: z.boolean().openapi({ description: `false: hơn ${TOTAL_LIMIT} hồ sơ khớp; total là ${TOTAL_LIMIT}` }),
    nextCursor: z.string().nullable().openapi({ description: 'Gửi lại làm cursor để xem trang sau; null: hết' }),
  })
  .openapi('DossierList');
