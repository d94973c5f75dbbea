import { DossierStage, DossierStatus } from '../../generated/prisma/client';
import { z } from '../http/zod';

export const PublicDossierSchema = z
  .object({
    code: z.string(),
    cluster: z.string().openapi({ description: 'Tên cụm công nghiệp' }),
    stage: z.enum(DossierStage),
    status: z.enum(DossierStatus),
    expectedDate: z.string().nullable().openapi({ description: 'Hạn gần nhất của bước đang xử lý (YYYY-MM-DD), hoặc null' }),
  })
  .strict()
  .openapi('PublicDossier', { description: 'Tình trạng hồ sơ cho công chúng: không có dữ liệu cá nhân (no personal data).' });

export type PublicDossier = z.infer<typeof PublicDossierSchema>;
