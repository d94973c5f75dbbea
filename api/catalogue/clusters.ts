import { ROUND_STATUSES } from '../../domain';
import type { ApiDeps } from '../deps';
import { z } from '../http/zod';

export const ClusterCatalogueEntrySchema = z
  .object({
    code: z.string(),
    name: z.string(),
    district: z.string(),
    areaHa: z.number(),
    latestRound: z
      .object({ code: z.string(), stage: z.enum(ROUND_STATUSES) })
      .nullable()
      .openapi({ description: 'Đợt lựa chọn gần nhất của cụm (null: chưa có đợt nào; thư đầu tiên mở đợt 1).' }),
    hasInvestor: z.boolean().openapi({ description: 'Đợt gần nhất đã có quyết định chấp thuận chủ đầu tư: thư mới bị từ chối.' }),
  })
  .openapi('ClusterCatalogueEntry');

export type ClusterCatalogueEntry = z.infer<typeof ClusterCatalogueEntrySchema>;

/** Every cluster of the province with its latest round (a few dozen rows). */
export async function clusterCatalogue(deps: Pick<ApiDeps, 'prisma'>): Promise<ClusterCatalogueEntry[]> {
  const clusters = await deps.prisma.cluster.findMany({
    orderBy: { code: 'asc' },
    select: { code: true, name: true, district: true, areaHa: true, rounds: { where: { code: { not: null } }, orderBy: { number: 'desc' }, take: 1, select: { code: true, status: true } } },
  });
  return clusters.map((c) => {
    const latest = c.rounds[0];
    return {
      code: c.code,
      name: c.name,
      district: c.district,
      areaHa: Number(c.areaHa),
      latestRound: latest?.code ? { code: latest.code, stage: latest.status } : null,
      hasInvestor: latest?.status === 'DECIDED',
    };
  });
}
