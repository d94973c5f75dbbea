import { DossierStage, DossierStatus, Role, RoundStatus, TaskKind } from '../../generated/prisma/client';
import { z } from '../http/zod';

export const InboxItemSchema = z
  .object({
    taskId: z.string(),
    kind: z.enum(TaskKind),
    dossierCode: z.string().nullable().openapi({ description: 'Hồ sơ của nhiệm vụ; null cho nhiệm vụ của cả đợt lựa chọn' }),
    roundCode: z.string().nullable().openapi({ description: 'Đợt lựa chọn: nhiệm vụ của đợt (thông báo, chuyển hồ sơ, báo cáo, quyết định) dùng POST /api/rounds/{roundCode}/…' }),
    projectTitle: z.string(),
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

export const InboxSchema = z
  .object({
    today: z.string().openapi({ description: 'Hôm nay theo giờ Việt Nam' }),
    items: z.array(InboxItemSchema),
  })
  .openapi('Inbox');

export type InboxItem = z.infer<typeof InboxItemSchema>;
