import { DOSSIER_CODE_PATTERN } from '../../domain/dossier-code';
import { IsoDateSchema } from '../http/dates';
import { text, z } from '../http/zod';

export const MAX_EXPORT_DAYS = 366;

export const AuditExportQuerySchema = z
  .object({
    dossier: text().regex(DOSSIER_CODE_PATTERN, 'Mã hồ sơ có dạng CCN-XXXXX-XXXXX').optional().openapi({ example: 'CCN-7KQ4M-2XB9T' }),
    from: IsoDateSchema.optional().openapi({ description: 'Từ ngày (giờ Việt Nam, bao gồm)' }),
    to: IsoDateSchema.optional().openapi({ description: 'Đến ngày (giờ Việt Nam, bao gồm)' }),
  })
  .strict()
  .superRefine((q, ctx) => {
    const byDossier = q.dossier !== undefined;
    const byPeriod = q.from !== undefined || q.to !== undefined;
    if (byDossier === byPeriod) {
      ctx.addIssue({ code: 'custom', path: [], message: 'Chọn một: dossier=MÃ, hoặc from=YYYY-MM-DD&to=YYYY-MM-DD' });
      return;
    }
    if (byPeriod) {
      if (!q.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'Cần from cùng với to' });
      if (!q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Cần to cùng với from' });
      if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'from phải trước hoặc bằng to' });
      if (q.from && q.to && (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 >= MAX_EXPORT_DAYS) {
        ctx.addIssue({ code: 'custom', path: ['to'], message: `Tối đa ${MAX_EXPORT_DAYS} ngày mỗi lần xuất` });
      }
    }
  });

export type AuditExportQuery = z.infer<typeof AuditExportQuerySchema>;
