/**
 * The inbox's view lives in the address, so a filtered view can be bookmarked and sent to a
 * colleague: ?tab=overdue&giai-doan=SCORING&cum=DH-LOC-GIANG-2 (the cluster's code, as the dossier
 * list's). Tab, stage and cluster are all the server's: it pages, orders and counts within them.
 */
import type { paths } from '../../api/openapi';
import { ROUND_STATUS_LABELS, STAGE_LABELS, type DossierStage, type RoundStatus } from '../../labels';

type InboxQuery = NonNullable<paths['/api/tasks']['get']['parameters']['query']>;
type InboxStage = NonNullable<InboxQuery['stage']>;

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
  stage: InboxStage | null;
  cluster: string | null;
}

export const PARAM = { tab: 'tab', stage: 'giai-doan', cluster: 'cum' } as const;

/**
 * The stage filter's choices: a dossier's stages, then the statuses only a round has (a round's
 * task carries its round's status; COMPILATION and DECISION are steps of both and match both).
 */
export const STAGE_OPTIONS = [
  { group: 'Hồ sơ', items: (Object.entries(STAGE_LABELS) as [DossierStage, string][]).map(([value, label]) => ({ value, label })) },
  {
    group: 'Đợt lựa chọn',
    items: (Object.entries(ROUND_STATUS_LABELS) as [RoundStatus, string][]).filter(([value]) => !(value in STAGE_LABELS)).map(([value, label]) => ({ value, label })),
  },
];
const STAGES: ReadonlySet<string> = new Set(STAGE_OPTIONS.flatMap((group) => group.items.map((item) => item.value)));

export function readView(params: URLSearchParams): InboxView {
  const tab = params.get(PARAM.tab);
  const stage = params.get(PARAM.stage);
  return {
    tab: (INBOX_TABS as readonly string[]).includes(tab ?? '') ? (tab as InboxTab) : 'all',
    // A stage the server does not know (a mistyped address) is left out rather than refused.
    stage: stage && STAGES.has(stage) ? (stage as InboxStage) : null,
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

/** The view as GET /api/tasks parameters (without limit and cursor). */
export function inboxQuery(view: InboxView): Pick<InboxQuery, 'tab' | 'stage' | 'cluster'> {
  return { tab: view.tab, ...(view.stage ? { stage: view.stage } : {}), ...(view.cluster ? { cluster: view.cluster } : {}) };
}
