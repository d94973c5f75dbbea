import { DossierStage, DossierStatus } from '../../generated/prisma/client';
import { addDays, workingDaysBetween, type IsoDate, type WorkingDayCalendar } from '../../domain';
import { loadWorkingDayCalendar } from '../../db/working-day-calendar';
import { todayInVietnam } from '../../infra/clock';
import type { ApiDeps } from '../deps';
import { isoDateOf, vietnamDayStart } from '../../db/dates';
import { urgency } from '../tasks/urgency';

const zeroes = <T extends string>(keys: Record<string, T>): Record<T, number> =>
  Object.fromEntries(Object.values(keys).map((k) => [k, 0])) as Record<T, number>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The start of the Vietnamese day `date` (UTC+7, no daylight saving). */

/**
 * Working days each stage took, from the audit trail: a dossier enters a stage with the audited
 * event whose new value names it, and leaves it with the next event naming another stage. Each
 * stay that ended within [from, to] (Vietnam dates) is one sample.
 */
export async function stageDurations(deps: Pick<ApiDeps, 'prisma'>, calendar: WorkingDayCalendar, from: IsoDate, to: IsoDate) {
  const windowEnd = vietnamDayStart(addDays(to, 1));
  const codes = await deps.prisma.auditEvent.findMany({
    where: { entityType: 'Dossier', dossierCode: { not: null }, occurredAt: { gte: vietnamDayStart(from), lt: windowEnd } },
    distinct: ['dossierCode'],
    select: { dossierCode: true },
  });
  const events = await deps.prisma.auditEvent.findMany({
    where: { entityType: 'Dossier', dossierCode: { in: codes.map((c) => c.dossierCode as string) }, occurredAt: { lt: windowEnd } },
    select: { dossierCode: true, occurredAt: true, newValue: true },
    orderBy: { id: 'asc' },
  });
  const samples = new Map<string, number[]>();
  const current = new Map<string, { stage: string; since: IsoDate }>();
  for (const event of events) {
    const stage = (event.newValue as { stage?: unknown } | null)?.stage;
    if (typeof stage !== 'string') continue;
    const code = event.dossierCode as string;
    const day = todayInVietnam(event.occurredAt);
    const stay = current.get(code);
    if (stay?.stage === stage) continue;
    if (stay && day >= from) {
      const list = samples.get(stay.stage) ?? [];
      list.push(workingDaysBetween(calendar, stay.since, day));
      samples.set(stay.stage, list);
    }
    current.set(code, { stage, since: day });
  }
  const stages = Object.fromEntries(
    Object.values(DossierStage)
      .filter((stage) => samples.has(stage))
      .map((stage) => {
        const list = samples.get(stage) as number[];
        return [stage, { medianWorkingDays: median(list), samples: list.length }];
      }),
  );
  return { from, to, stages };
}

export async function dashboard(deps: Pick<ApiDeps, 'prisma'>, today: IsoDate, period: { from?: IsoDate; to?: IsoDate }) {
  const to = period.to ?? today;
  const from = period.from ?? addDays(to, -365);
  const calendar = await loadWorkingDayCalendar(deps.prisma);
  const [byStageRows, byStatusRows, nextDue, durations] = await Promise.all([
    deps.prisma.dossier.groupBy({ by: ['stage'], _count: { _all: true } }),
    deps.prisma.dossier.groupBy({ by: ['status'], _count: { _all: true } }),
    deps.prisma.task.groupBy({ by: ['dossierId'], where: { status: 'OPEN', dueOn: { not: null } }, _min: { dueOn: true } }),
    stageDurations(deps, calendar, from, to),
  ]);
  const byStage = zeroes(DossierStage);
  for (const row of byStageRows) byStage[row.stage] = row._count._all;
  const byStatus = zeroes(DossierStatus);
  for (const row of byStatusRows) byStatus[row.status] = row._count._all;
  let overdue = 0;
  let nearDue = 0;
  for (const row of nextDue) {
    const flags = urgency(calendar, today, isoDateOf(row._min.dueOn as Date));
    if (flags.overdue) overdue += 1;
    else if (flags.nearDue) nearDue += 1;
  }
  return {
    today,
    total: Object.values(byStatus).reduce((a, b) => a + b, 0),
    byStage,
    byStatus,
    overdue,
    nearDue,
    stageDurations: durations,
  };
}
