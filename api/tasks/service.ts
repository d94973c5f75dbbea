import { DossierStage, Prisma, RoundStatus, type DossierStatus, type Role, type TaskKind } from '../../generated/prisma/client';
import { dbDate } from '../../db/dates';
import { loadWorkingDayIndex } from '../../db/working-day-calendar';
import type { IsoDate } from '../../domain';
import type { AuthUser } from '../auth/middleware';
import type { ApiDeps } from '../deps';
import { encodeCursor } from '../http/cursor';
import { INBOX_COUNT_LIMIT, type InboxCursor, type InboxItem, type InboxQuery, type InboxTab } from './schemas';
import { nearDueBefore, urgency } from './urgency';

/**
 * Which open tasks are a user's: assigned to them by name; or, unassigned, for one of their roles —
 * a reviewer only for their own department (tasks naming no department go to every reviewer).
 * The branches are disjoint, and each is one range of an index of tasks on (status, assignee |
 * role | department, due date): the page reads each branch in due-date order and stops at the limit.
 */
export function inboxBranches(user: AuthUser): Prisma.Sql[] {
  const branches: Prisma.Sql[] = [Prisma.sql`t.assignee_id = ${user.id}::uuid`];
  for (const role of user.roles.filter((r) => r !== 'REVIEWER')) branches.push(Prisma.sql`t.role = ${role}::role AND t.assignee_id IS NULL`);
  if (user.roles.includes('REVIEWER')) {
    branches.push(Prisma.sql`t.role = 'REVIEWER' AND t.department_id IS NULL AND t.assignee_id IS NULL`);
    if (user.departmentId) {
      branches.push(Prisma.sql`t.department_id = ${user.departmentId}::uuid AND (t.role = 'REVIEWER' OR t.role IS NULL) AND t.assignee_id IS NULL`);
    }
  }
  return branches.map((branch) => Prisma.sql`t.status = 'OPEN' AND ${branch}`);
}

/** All of the user's open tasks, as one condition (for the counts). */
export const inboxPool = (user: AuthUser): Prisma.Sql => Prisma.sql`(${Prisma.join(inboxBranches(user).map((b) => Prisma.sql`(${b})`), ' OR ')})`;

const INBOX_ORDER = Prisma.sql`ORDER BY t.due_on ASC NULLS LAST, t.created_at ASC, t.id ASC`;

/** The tab's filter; `nearBefore` is the first day with more than NEAR_DUE_WORKING_DAYS working days left. */
function tabFilter(tab: InboxTab, user: AuthUser, today: IsoDate, nearBefore: IsoDate): Prisma.Sql {
  switch (tab) {
    case 'mine':
      return Prisma.sql`t.assignee_id = ${user.id}::uuid`;
    case 'overdue':
      return Prisma.sql`t.due_on < ${dbDate(today)}::date`;
    case 'nearDue':
      return Prisma.sql`t.due_on >= ${dbDate(today)}::date AND t.due_on < ${dbDate(nearBefore)}::date`;
    case 'all':
      return Prisma.sql`TRUE`;
  }
}

const DOSSIER_STAGES: ReadonlySet<string> = new Set(Object.values(DossierStage));
const ROUND_STATUSES: ReadonlySet<string> = new Set(Object.values(RoundStatus));

/**
 * The stage and cluster filters: a dossier's task by its dossier's stage and cluster, a round's task
 * by its round's status and cluster (the same step and place the inbox item shows). Each is a probe
 * by primary key per task of the user's pools, so a filter reads at most the user's open tasks.
 */
function stepFilter(query: Pick<InboxQuery, 'stage' | 'cluster'>): Prisma.Sql {
  const { stage, cluster } = query;
  if (!stage && !cluster) return Prisma.sql`TRUE`;
  const clusterId = cluster ? Prisma.sql`(SELECT c.id FROM clusters c WHERE c.code = ${cluster})` : null;
  const dossier: Prisma.Sql[] = [Prisma.sql`d.id = t.dossier_id`];
  const round: Prisma.Sql[] = [Prisma.sql`r.id = t.round_id`];
  if (stage) {
    dossier.push(DOSSIER_STAGES.has(stage) ? Prisma.sql`d.stage = ${stage}::dossier_stage` : Prisma.sql`FALSE`);
    round.push(ROUND_STATUSES.has(stage) ? Prisma.sql`r.status = ${stage}::round_status` : Prisma.sql`FALSE`);
  }
  if (clusterId) {
    dossier.push(Prisma.sql`d.cluster_id = ${clusterId}`);
    round.push(Prisma.sql`r.cluster_id = ${clusterId}`);
  }
  return Prisma.sql`(
    (t.dossier_id IS NOT NULL AND EXISTS (SELECT 1 FROM dossiers d WHERE ${Prisma.join(dossier, ' AND ')}))
    OR (t.dossier_id IS NULL AND EXISTS (SELECT 1 FROM selection_rounds r WHERE ${Prisma.join(round, ' AND ')})))`;
}

/** Strictly after the cursor in the inbox order: due date (no due date last), created at, id. */
function afterCursor(cursor: InboxCursor | undefined): Prisma.Sql {
  if (!cursor) return Prisma.sql`TRUE`;
  const rest = Prisma.sql`(t.created_at, t.id) > (${new Date(cursor.createdAt)}::timestamptz, ${cursor.id}::uuid)`;
  if (cursor.dueOn === null) return Prisma.sql`(t.due_on IS NULL AND ${rest})`;
  const due = Prisma.sql`${dbDate(cursor.dueOn)}::date`;
  return Prisma.sql`(t.due_on > ${due} OR t.due_on IS NULL OR (t.due_on = ${due} AND ${rest}))`;
}

/**
 * The inbox's two statements: one page of the tab (limit + 1 rows, to know whether more follow) and
 * the tabs' counts, both within the stage and cluster filters.
 */
function inboxQueries(user: AuthUser, today: IsoDate, nearBefore: IsoDate, query: InboxQuery): { page: Prisma.Sql; counts: Prisma.Sql } {
  const step = stepFilter(query);
  const filter = Prisma.sql`${step} AND ${tabFilter(query.tab, user, today, nearBefore)} AND ${afterCursor(query.cursor)}`;
  // The first limit + 1 tasks of each branch, merged: never more rows than branches × (limit + 1).
  const firsts = inboxBranches(user).map((branch) => Prisma.sql`(SELECT t.* FROM tasks t WHERE ${branch} AND ${filter} ${INBOX_ORDER} LIMIT ${query.limit + 1})`);
  return {
    page: Prisma.sql`
      SELECT t.id, t.kind, t.role, t.assignee_id AS "assigneeId", t.due_on AS "dueOn", t.created_at AS "createdAt", t.version,
             dep.code AS "departmentCode",
             d.code AS "dossierCode", dr.code AS "dossierRoundCode", d.project_title AS "projectTitle", dc.code AS "dossierClusterCode", dc.name AS "dossierClusterName",
             d.stage, d.status, r.code AS "roundCode", r.status AS "roundStatus", rc.code AS "roundClusterCode", rc.name AS "roundClusterName"
      FROM (${Prisma.join(firsts, ' UNION ALL ')}) AS t
      LEFT JOIN departments dep ON dep.id = t.department_id
      LEFT JOIN dossiers d ON d.id = t.dossier_id
      LEFT JOIN selection_rounds dr ON dr.id = d.round_id
      LEFT JOIN clusters dc ON dc.id = d.cluster_id
      LEFT JOIN selection_rounds r ON r.id = t.round_id
      LEFT JOIN clusters rc ON rc.id = r.cluster_id
      ${INBOX_ORDER}
      LIMIT ${query.limit + 1}`,
    counts: Prisma.sql`
      SELECT count(*)::int AS "all",
             count(*) FILTER (WHERE assignee_id = ${user.id}::uuid)::int AS "mine",
             count(*) FILTER (WHERE due_on < ${dbDate(today)}::date)::int AS "overdue",
             count(*) FILTER (WHERE due_on >= ${dbDate(today)}::date AND due_on < ${dbDate(nearBefore)}::date)::int AS "nearDue"
      FROM (SELECT t.assignee_id, t.due_on FROM tasks t WHERE ${inboxPool(user)} AND ${step} LIMIT ${INBOX_COUNT_LIMIT + 1}) AS t`,
  };
}

/**
 * The inbox as one statement: the page's rows and the tabs' counts as one JSON value, so one round
 * trip and one snapshot (the counts and the page agree), and the API parses one JSON text instead of
 * converting every column of every row.
 */
export function inboxSql(user: AuthUser, today: IsoDate, nearBefore: IsoDate, query: InboxQuery): Prisma.Sql {
  const { page, counts } = inboxQueries(user, today, nearBefore, query);
  return Prisma.sql`
    SELECT (SELECT coalesce(json_agg(p ORDER BY p."dueOn" ASC NULLS LAST, p."createdAt" ASC, p.id ASC), '[]') FROM (${page}) AS p) AS rows,
           (SELECT row_to_json(c) FROM (${counts}) AS c) AS counts`;
}

interface InboxRow {
  id: string;
  kind: TaskKind;
  role: Role | null;
  assigneeId: string | null;
  /** YYYY-MM-DD (a date in JSON). */
  dueOn: IsoDate | null;
  /** A timestamptz in JSON: ISO 8601 with the session's offset. */
  createdAt: string;
  version: number;
  departmentCode: string | null;
  dossierCode: string | null;
  dossierRoundCode: string | null;
  projectTitle: string | null;
  dossierClusterCode: string | null;
  dossierClusterName: string | null;
  stage: DossierStage | null;
  status: DossierStatus | null;
  roundCode: string | null;
  roundStatus: RoundStatus | null;
  roundClusterCode: string | null;
  roundClusterName: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  nextCursor: string | null;
  counts: Record<InboxTab, number>;
  countsComplete: boolean;
}

/**
 * One page of the user's open tasks, most urgent first (earliest due date; tasks without one last),
 * and the size of each tab, within the stage and cluster filters: one statement whatever the inbox's
 * size (inboxSql: the page, joined, and the counts over at most INBOX_COUNT_LIMIT of the user's open
 * tasks), and none for the calendar while its change listener is connected. Working days left come
 * from the calendar indexed once, a lookup per task.
 */
export async function listInbox(deps: Pick<ApiDeps, 'prisma'>, user: AuthUser, today: IsoDate, query: InboxQuery): Promise<InboxPage> {
  const index = await loadWorkingDayIndex(deps.prisma);
  const nearBefore = nearDueBefore(index, today);
  const [result] = await deps.prisma.$queryRaw<{ rows: InboxRow[]; counts: { all: number; mine: number; overdue: number; nearDue: number } | null }[]>(
    inboxSql(user, today, nearBefore, query),
  );
  const rows = result?.rows ?? [];
  const counted = result?.counts;
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const items = page.map((row): InboxItem => {
    const dueOn = row.dueOn;
    const flags = dueOn ? urgency(index, today, dueOn) : { workingDaysLeft: null, nearDue: false, overdue: false };
    return {
      taskId: row.id,
      kind: row.kind,
      ...(row.dossierCode
        ? {
            dossierCode: row.dossierCode,
            roundCode: row.dossierRoundCode,
            projectTitle: row.projectTitle as string,
            clusterCode: row.dossierClusterCode as string,
            clusterName: row.dossierClusterName as string,
            stage: row.stage as DossierStage,
            status: row.status as DossierStatus,
          }
        : {
            dossierCode: null,
            roundCode: row.roundCode,
            projectTitle: `Đợt lựa chọn ${row.roundCode ?? ''}`,
            clusterCode: row.roundClusterCode ?? '',
            clusterName: row.roundClusterName ?? '',
            stage: row.roundStatus ?? 'CALL_PENDING',
            status: 'ROUND' as const,
          }),
      role: row.role,
      departmentCode: row.departmentCode,
      assignedToMe: row.assigneeId === user.id,
      dueOn,
      ...flags,
      version: row.version,
    };
  });
  const counts = counted ?? { all: 0, mine: 0, overdue: 0, nearDue: 0 };
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.dueOn, new Date(last.createdAt).toISOString(), last.id]) : null,
    counts: { all: Math.min(counts.all, INBOX_COUNT_LIMIT), mine: counts.mine, overdue: counts.overdue, nearDue: counts.nearDue },
    countsComplete: counts.all <= INBOX_COUNT_LIMIT,
  };
}
