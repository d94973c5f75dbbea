import { Prisma } from '../../generated/prisma/client';
import { z } from '../http/zod';

/**
 * The monitored clusters' counts on the dashboard (issue 11), one query over monitored_clusters (one
 * row per approved cluster): `late` counts clusters with an open monitoring task the workflow marked
 * overdue, `polluting` those with an open environmental violation, the same words as GET /api/clusters.
 */
export const monitoringCountsSql = () => Prisma.sql`
    SELECT count(*)::int AS "monitored",
           count(*) FILTER (WHERE m.stage = 'WITHDRAWN_FROM_PLAN')::int AS "withdrawnFromPlan",
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM tasks t WHERE t.dossier_id = m.dossier_id AND t.status = 'OPEN' AND t.payload->>'overdue' = 'true'))::int AS "late",
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM cluster_violations v WHERE v.monitored_cluster_id = m.id AND v.status = 'OPEN' AND v.area = 'ENVIRONMENT'))::int AS "polluting",
           count(*) FILTER (WHERE m.low_occupancy)::int AS "lowOccupancy",
           count(*) FILTER (WHERE m.environmental_infrastructure_on IS NULL)::int AS "withoutEnvironmentalInfrastructure",
           (SELECT count(*) FROM cluster_violations WHERE status = 'OPEN')::int AS "openViolations"
    FROM monitored_clusters m`;

export const MonitoringCountsSchema = z
  .object({
    monitored: z.number().int().openapi({ description: 'Cụm công nghiệp đang được theo dõi sau quyết định' }),
    withdrawnFromPlan: z.number().int(),
    late: z.number().int().openapi({ description: 'Cụm có mốc, báo cáo hoặc việc xử lý đã quá hạn' }),
    polluting: z.number().int().openapi({ description: 'Cụm có vi phạm môi trường chưa khắc phục' }),
    lowOccupancy: z.number().int().openapi({ description: 'Cụm có tỷ lệ lấp đầy dưới ngưỡng' }),
    withoutEnvironmentalInfrastructure: z.number().int().openapi({ description: 'Cụm chưa có trạm xử lý nước thải tập trung vận hành' }),
    openViolations: z.number().int(),
  })
  .openapi('MonitoringCounts');

export type MonitoringCounts = z.infer<typeof MonitoringCountsSchema>;
