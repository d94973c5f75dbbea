import { DossierStage, DossierStatus, Prisma } from '../../generated/prisma/client';
import { addDays, type IsoDate, type WorkingDayIndex } from '../../domain';
import { dbDate } from '../../db/dates';
import { loadWorkingDayIndex } from '../../db/working-day-calendar';
import type { ApiDeps } from '../deps';
import { nearDueBefore } from '../tasks/urgency';
import { monitoringCountsSql, type MonitoringCounts } from './monitoring-counts';

/**
 * The manager's dashboard. Every figure is one small statement reading a few rows and one function
 * shaping them: the counts and the stage durations come from aggregates that triggers keep in the
 * transaction of every write (migration 20261203183000_read_model_at_scale), so the dashboard's cost
 * does not grow with the number of dossiers or audit events. A new figure is one more sub-select in
 * dashboardSql and its shape in dashboard().
 */
type Db = Pick<ApiDeps, 'prisma'>;

const zeroes = <T extends string>(keys: Record<string, T>): Record<T, number> =>
  Object.fromEntries(Object.values(keys).map((k) => [k, 0])) as Record<T, number>;

/** Dossiers by stage and by status (table dossier_counts). */
export const dossierCountsSql = () => Prisma.sql`SELECT stage, status, dossiers FROM dossier_counts WHERE dossiers <> 0`;

function dossierCounts(rows: { stage: DossierStage; status: DossierStatus; dossiers: number }[]) {
  const byStage = zeroes(DossierStage);
  const byStatus = zeroes(DossierStatus);
  for (const row of rows) {
    byStage[row.stage] += row.dossiers;
    byStatus[row.status] += row.dossiers;
  }
  return { total: rows.reduce((sum, row) => sum + row.dossiers, 0), byStage, byStatus };
}

/**
 * Dossiers whose earliest open task (next_due, kept by a trigger on tasks) is past due (overdue) or
 * due within NEAR_DUE_WORKING_DAYS working days (near due): a range of the index on next_due, which
 * grows with the work in hand, not with the archive.
 */
export const dueCountsSql = (today: IsoDate, nearBefore: IsoDate) => Prisma.sql`
    SELECT count(*) FILTER (WHERE next_due < ${dbDate(today)}::date)::int AS "overdue",
           count(*) FILTER (WHERE next_due >= ${dbDate(today)}::date)::int AS "nearDue"
    FROM dossiers WHERE next_due < ${dbDate(nearBefore)}::date`;

/** The median of a histogram given as [value, count] pairs sorted by value. */
function histogramMedian(bins: readonly (readonly [number, number])[]): number {
  const n = bins.reduce((sum, [, count]) => sum + count, 0);
  const at = (position: number): number => {
    let seen = 0;
    for (const [value, count] of bins) {
      seen += count;
      if (position < seen) return value;
    }
    throw new Error('histogramMedian: position past the end');
  };
  return n % 2 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

/**
 * Working days each stage took: a dossier enters a stage with the audited event whose new value
 * names it, and leaves it with the next event naming another stage; each stay that ended within
 * [from, to] (Vietnam dates) is one sample. The trigger on audit_events counts each ended stay
 * under its last day and its working days (table stage_duration_counts), so a period is a range
 * of that table, folded into one histogram per stage.
 */
export const stageDurationsSql = (from: IsoDate, to: IsoDate) => Prisma.sql`
    SELECT stage, working_days AS "workingDays", sum(stays)::int AS stays
    FROM stage_duration_counts WHERE left_on BETWEEN ${dbDate(from)}::date AND ${dbDate(to)}::date
    GROUP BY stage, working_days ORDER BY stage, working_days`;

function stageDurations(rows: { stage: string; workingDays: number; stays: number }[], from: IsoDate, to: IsoDate) {
  const bins = new Map<string, [number, number][]>();
  for (const row of rows) bins.set(row.stage, [...(bins.get(row.stage) ?? []), [row.workingDays, row.stays]]);
  const stages = Object.fromEntries(
    Object.values(DossierStage)
      .filter((stage) => bins.has(stage))
      .map((stage) => {
        const histogram = bins.get(stage) as [number, number][];
        return [stage, { medianWorkingDays: histogramMedian(histogram), samples: histogram.reduce((sum, [, count]) => sum + count, 0) }];
      }),
  );
  return { from, to, stages };
}

/**
 * The figures' statements as one (each a sub-select turned into JSON): a request is one round trip
 * to PostgreSQL after sign-in, whatever the number of figures, and they are read in one snapshot.
 */
const dashboardSql = (today: IsoDate, nearBefore: IsoDate, from: IsoDate, to: IsoDate) => Prisma.sql`
    SELECT (SELECT coalesce(json_agg(x), '[]') FROM (${dossierCountsSql()}) AS x) AS counts,
           (SELECT row_to_json(x) FROM (${dueCountsSql(today, nearBefore)}) AS x) AS due,
           (SELECT coalesce(json_agg(x ORDER BY x.stage, x."workingDays"), '[]') FROM (${stageDurationsSql(from, to)}) AS x) AS durations,
           (SELECT row_to_json(x) FROM (${monitoringCountsSql()}) AS x) AS monitoring`;

interface DashboardRow {
  counts: Parameters<typeof dossierCounts>[0];
  due: { overdue: number; nearDue: number };
  durations: Parameters<typeof stageDurations>[0];
  monitoring: MonitoringCounts;
}

export async function dashboard(deps: Db, today: IsoDate, period: { from?: IsoDate; to?: IsoDate }) {
  const to = period.to ?? today;
  const from = period.from ?? addDays(to, -365);
  const index: WorkingDayIndex = await loadWorkingDayIndex(deps.prisma);
  const [row] = await deps.prisma.$queryRaw<DashboardRow[]>(dashboardSql(today, nearDueBefore(index, today), from, to));
  const { counts, due, durations, monitoring } = row as DashboardRow;
  return { today, ...dossierCounts(counts), overdue: due.overdue, nearDue: due.nearDue, stageDurations: stageDurations(durations, from, to), monitoring };
}
