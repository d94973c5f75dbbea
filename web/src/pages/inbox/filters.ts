/**
 * The inbox's view lives in the address, so a filtered view can be bookmarked and sent to a
 * colleague: ?tab=overdue&giai-doan=SCORING&cum=CCN%20L%E1%BB%99c%20Giang%201.
 * The tab is the server's (it counts and pages each); stage and cluster narrow the loaded tasks.
 */
import type { InboxItem } from '../../labels';

export const INBOX_TABS = ['all', 'mine', 'overdue', 'nearDue'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

export const TAB_LABELS: Record<InboxTab, string> = {
  all: 'Tất cả',
  mine: 'Giao cho tôi',
  overdue: 'Quá hạn',
  nearDue: 'Sắp đến hạn',
};

export interface InboxView {
  tab: InboxTab;
  stage: string | null;
  cluster: string | null;
}

export const PARAM = { tab: 'tab', stage: 'giai-doan', cluster: 'cum' } as const;

export function readView(params: URLSearchParams): InboxView {
  const tab = params.get(PARAM.tab);
  return {
    tab: (INBOX_TABS as readonly string[]).includes(tab ?? '') ? (tab as InboxTab) : 'all',
    stage: params.get(PARAM.stage) || null,
    cluster: params.get(PARAM.cluster) || null,
  };
}

/** The address parameters of a view; the default tab and empty filters are left out. */
export function writeView(view: InboxView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.tab !== 'all') params.set(PARAM.tab, view.tab);
  if (view.stage) params.set(PARAM.stage, view.stage);
  if (view.cluster) params.set(PARAM.cluster, view.cluster);
  return params;
}

export function matches(item: InboxItem, view: InboxView): boolean {
  return (!view.stage || item.stage === view.stage) && (!view.cluster || item.clusterName === view.cluster);
}
