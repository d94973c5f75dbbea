import { DossierStage, DossierStatus } from '../../generated/prisma/client';
import { IsoDateSchema } from '../http/dates';
import { z } from '../http/zod';
import { MonitoringCountsSchema } from './monitoring-counts';

export const DashboardQuerySchema = z
  .object({
    from: IsoDateSchema.optional().openapi({ description: 'Đầu kỳ thống kê thời gian xử lý (mặc định: 365 ngày trước)' }),
    to: IsoDateSchema.optional().openapi({ description: 'Cuối kỳ (mặc định: hôm nay)' }),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from phải trước hoặc bằng to', path: ['to'] });

const counts = <T extends string>(keys: Record<string, T>) => z.object(Object.fromEntries(Object.values(keys).map((k) => [k, z.number().int()])) as Record<T, z.ZodNumber>);

export const DashboardSchema = z
  .object({
    today: z.string(),
    total: z.number().int(),
    byStage: counts(DossierStage),
    byStatus: counts(DossierStatus),
    overdue: z.number().int().openapi({ description: 'Hồ sơ có việc đang mở đã quá hạn' }),
    nearDue: z.number().int().openapi({ description: 'Hồ sơ chưa quá hạn, việc gần nhất còn ≤ 2 ngày làm việc' }),
    stageDurations: z.object({
      from: z.string(),
      to: z.string(),
      stages: z.record(
        z.string(),
        z.object({
          medianWorkingDays: z.number(),
          samples: z.number().int().openapi({ description: 'Số lượt hồ sơ rời giai đoạn trong kỳ' }),
        }),
      ),
    }),
    monitoring: MonitoringCountsSchema,
  })
  .openapi('Dashboard');
