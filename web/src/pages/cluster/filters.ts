/**
 * The monitored-cluster list's filters as the address says them (Vietnamese parameter names, like
 * the dossier list's), so a filtered list can be bookmarked and the dashboard can link to it.
 */
import type { paths } from '../../api/openapi';

type ListQuery = NonNullable<paths['/api/clusters']['get']['parameters']['query']>;
export type ClusterFilter = keyof ListQuery;

export const CLUSTER_FILTER_PARAMS: Record<ClusterFilter, string> = {
  late: 'cham-tien-do',
  polluting: 'o-nhiem',
  lowOccupancy: 'lap-day-thap',
  withoutEnvironmentalInfrastructure: 'chua-xu-ly-nuoc-thai',
  stage: 'giai-doan',
};

/** The API's query from the address (unknown values are left for the API to refuse, with its problem shown). */
export function readClusterQuery(params: URLSearchParams): ListQuery {
  const query: Record<string, string> = {};
  for (const [name, param] of Object.entries(CLUSTER_FILTER_PARAMS)) {
    const value = params.get(param);
    if (value) query[name] = value;
  }
  return query as ListQuery;
}

/** The list's address filtered as given: `/cum-cong-nghiep?cham-tien-do=true`. */
export function clusterListLink(filters: Partial<Record<ClusterFilter, string>>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(CLUSTER_FILTER_PARAMS[name as ClusterFilter], value);
  const search = params.toString();
  return search ? `/cum-cong-nghiep?${search}` : '/cum-cong-nghiep';
}
