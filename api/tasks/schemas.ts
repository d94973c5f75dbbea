import { DossierStage, DossierStatus, Role, RoundStatus, TaskKind } from '../../generated/prisma/client';
import { cursorParam, keyPart } from '../http/cursor';
import { text, z } from '../http/zod';

export const InboxItemSchema = z
  .object({
    taskId: z.string(),
    kind: z.enum(TaskKind),
    dossierCode: z.string().nullable().openapi({ description: 'Hồ sơ của nhiệm vụ; null cho nhiệm vụ của cả đợt lựa chọn' }),
    roundCode: z.string().nullable().openapi({ description: 'Đợt lựa chọn: nhiệm vụ của đợt (thông báo, chuyển hồ sơ, báo cáo, quyết định) dùng POST /api/rounds/{roundCode}/…' }),
    projectTitle: z.string(),
    clusterCode: z.string().openapi({ description: 'Mã cụm công nghiệp (giá trị của tham số cluster)' }),
    clusterName: z.string(),
    stage: z.union([z.enum(DossierStage), z.enum(RoundStatus)]).openapi({ description: 'Bước của hồ sơ, hoặc của đợt cho nhiệm vụ của đợt' }),
    status: z.union([z.enum(DossierStatus), z.literal('ROUND')]),
    role: z.enum(Role).nullable(),
    departmentCode: z.string().nullable(),
    assignedToMe: z.boolean().openapi({ description: 'Giao đích danh cho người dùng (not just to their role or department)' }),
    dueOn: z.string().nullable().openapi({ description: 'Hạn xử lý (YYYY-MM-DD)' }),
    workingDaysLeft: z.number().int().nullable().openapi({ description: 'Số ngày làm việc còn lại; 0 = hạn hôm nay; âm = đã quá hạn' }),
    nearDue: z.boolean().openapi({ description: 'Còn ≤ 2 ngày làm việc' }),
    overdue: z.boolean(),
    version: z.number().int(),
  })
  .openapi('InboxItem');

export const INBOX_TABS = ['all', 'mine', 'overdue', 'nearDue'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];
export const INBOX_DEFAULT_LIMIT = 50;
export const INBOX_MAX_LIMIT = 200;
/** Counts stop at this many open tasks per user: a count never reads more rows than this. */
export const INBOX_COUNT_LIMIT = 10_000;

/** The inbox's sort key (due date, nulls last; created at; id): where a page ends. */
export type InboxCursor = { dueOn: string | null; createdAt: string; id: string };

export const InboxQuerySchema = z
  .object({
    tab: z.enum(INBOX_TABS, `tab là một trong ${INBOX_TABS.join(', ')}`).default('all').openapi({
      description: 'all: mọi việc đang mở; mine: giao đích danh cho tôi; overdue: đã quá hạn; nearDue: còn ≤ 2 ngày làm việc',
    }),
    stage: z.union([z.enum(DossierStage), z.enum(RoundStatus)], 'stage là một bước của hồ sơ (DossierStage) hoặc của đợt lựa chọn (RoundStatus)').optional().openapi({
      description:
        'Chỉ việc ở bước này: bước của hồ sơ, hoặc trạng thái của đợt cho nhiệm vụ của đợt (COMPILATION và DECISION là bước của cả hai). counts và nextCursor theo bộ lọc.',
    }),
    cluster: text().trim().min(1, 'cluster là mã cụm công nghiệp').max(64, 'cluster tối đa 64 ký tự').optional().openapi({
      description: 'Chỉ việc của cụm công nghiệp này (mã cụm, như GET /api/dossiers?cluster=); mã không có: danh sách rỗng',
      example: 'DH-LOC-GIANG-1',
    }),
    limit: z.coerce
      .number(`limit là số nguyên 1–${INBOX_MAX_LIMIT}`)
      .int(`limit là số nguyên 1–${INBOX_MAX_LIMIT}`)
      .min(1, `limit là số nguyên 1–${INBOX_MAX_LIMIT}`)
      .max(INBOX_MAX_LIMIT, `limit tối đa ${INBOX_MAX_LIMIT}`)
      .default(INBOX_DEFAULT_LIMIT)
      .openapi({ description: `Số việc mỗi trang (mặc định ${INBOX_DEFAULT_LIMIT}, tối đa ${INBOX_MAX_LIMIT})` }),
    cursor: cursorParam<InboxCursor>((key) => {
      const [dueOn, createdAt, id] = key as unknown[];
      if ((dueOn !== null && !keyPart.date(dueOn)) || !keyPart.instant(createdAt) || !keyPart.uuid(id)) return null;
      return { dueOn, createdAt, id };
    }).optional(),
  })
  .strict();

export type InboxQuery = z.infer<typeof InboxQuerySchema>;

export const InboxSchema = z
  .object({
    today: z.string().openapi({ description: 'Hôm nay theo giờ Việt Nam' }),
    items: z.array(InboxItemSchema).openapi({ description: 'Một trang việc của tab, gấp nhất trước' }),
    tab: z.enum(INBOX_TABS),
    nextCursor: z.string().nullable().openapi({ description: 'Gửi lại làm cursor để xem trang sau; null: hết' }),
    counts: z
      .object({ all: z.number().int(), mine: z.number().int(), overdue: z.number().int(), nearDue: z.number().int() })
      .openapi({ description: `Số việc của từng tab trong bộ lọc stage/cluster (đếm tối đa ${INBOX_COUNT_LIMIT} việc đang mở)` }),
    countsComplete: z.boolean().openapi({ description: `false: người dùng có hơn ${INBOX_COUNT_LIMIT} việc đang mở và counts là số tối thiểu (đếm trên ${INBOX_COUNT_LIMIT} việc)` }),
  })
  .openapi('Inbox');

export type InboxItem = z.infer<typeof InboxItemSchema>;
