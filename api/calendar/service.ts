import { WorkflowNotFoundError } from '@temporalio/client';
import { computeDeadline, type Deadline, type IsoDate } from '../../domain';
import {
  listCalendarDays,
  loadWorkingDayCalendar,
  resetCalendarDay,
  setCalendarDay,
  type CalendarActor,
  type CalendarDayState,
} from '../../db/working-day-calendar';
import { calendarChangedSignal } from '../../workflows/dossier/api';
import { clusterMonitoringWorkflowId } from '../../workflows/monitoring/api';
import { roundWorkflowId } from '../../workflows/round/api';
import type { ApiDeps } from '../deps';
import { domainProblem, withDomainProblems } from '../http/domain-problem';
import { notFound } from '../http/problem';

/** How long a calendar change waits for the open dossiers' signals before answering; the rest go on in the background. */
const SIGNAL_WAIT_MS = 5_000;
/** Signals sent at once. */
const SIGNAL_CONCURRENCY = 16;

/** The due date of a period counted from `from` against the calendar in force (seed + administrator overrides). */
export async function deadline(
  deps: Pick<ApiDeps, 'prisma'>,
  query: { from: IsoDate; workingDays?: number | undefined; calendarDays?: number | undefined },
): Promise<Deadline> {
  const calendar = await loadWorkingDayCalendar(deps.prisma);
  const limit =
    query.workingDays !== undefined
      ? { amount: query.workingDays, unit: 'working-days' as const }
      : { amount: query.calendarDays ?? 0, unit: 'calendar-days' as const };
  return withDomainProblems(() => computeDeadline(calendar, query.from, limit), 'from');
}

export async function listDays(deps: Pick<ApiDeps, 'prisma'>, from: IsoDate, to: IsoDate) {
  return { from, to, days: await listCalendarDays(deps.prisma, from, to) };
}

export async function setDay(
  deps: ApiDeps,
  date: IsoDate,
  body: { working: boolean; reason: string },
  actor: CalendarActor,
): Promise<CalendarDayState> {
  const change = await setCalendarDay(deps.prisma, { date, ...body, actor }).catch((error: unknown) => {
    throw domainProblem(error, 'date');
  });
  if (change.changed) await notifyOpenDossiers(deps, date);
  return change.day;
}

export async function resetDay(deps: ApiDeps, date: IsoDate, actor: CalendarActor): Promise<CalendarDayState> {
  const change = await resetCalendarDay(deps.prisma, { date, actor });
  if (!change) {
    throw notFound(`Ngày ${date} không có điều chỉnh của quản trị viên; ngày này đang theo lịch gốc, không có gì để khôi phục.`);
  }
  await notifyOpenDossiers(deps, date);
  return change.day;
}

/**
 * After a committed calendar change, tells every open dossier's workflow (status ACTIVE or ON_HOLD),
 * every open round's and every monitored cluster's so it recomputes its deadlines. Best effort per workflow: a workflow that no longer exists is
 * ignored, any other failure is logged and the others still get their signal. Waits at most
 * SIGNAL_WAIT_MS; signals still in flight then finish in the background.
 */
export async function notifyOpenDossiers(deps: Pick<ApiDeps, 'prisma' | 'temporal' | 'logger' | 'config'>, date: IsoDate): Promise<void> {
  let workflowIds: string[];
  try {
    const open = await deps.prisma.dossier.findMany({
      where: { status: { in: ['ACTIVE', 'ON_HOLD'] }, workflowId: { not: null } },
      select: { workflowId: true },
    });
    // Open rounds count their own deadlines (the call, the window, the submission, the report, the decision).
    const rounds = await deps.prisma.selectionRound.findMany({ where: { status: { notIn: ['DECIDED', 'NO_INVESTOR', 'CANCELLED'] }, code: { not: null } }, select: { code: true } });
    // Monitored clusters count theirs for years (milestones, reports, remediations): none ever ends.
    const clusters = await deps.prisma.monitoredCluster.findMany({ select: { cluster: { select: { code: true } } } });
    workflowIds = [
      ...open.map((d) => d.workflowId).filter((id): id is string => id !== null),
      ...rounds.map((r) => roundWorkflowId(deps.config.WORKFLOW_ID_PREFIX, r.code as string)),
      ...clusters.map((c) => clusterMonitoringWorkflowId(deps.config.WORKFLOW_ID_PREFIX, c.cluster.code)),
    ];
  } catch (err) {
    deps.logger.error({ err, date }, 'calendar changed: could not list open dossiers to signal');
    return;
  }

  const signalOne = async (workflowId: string): Promise<void> => {
    try {
      await deps.temporal.workflow.getHandle(workflowId).signal(calendarChangedSignal, { date });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return;
      deps.logger.warn({ err, workflowId, date }, 'calendar changed: signal to dossier workflow failed');
    }
  };
  const all = (async () => {
    for (let i = 0; i < workflowIds.length; i += SIGNAL_CONCURRENCY) {
      await Promise.all(workflowIds.slice(i, i + SIGNAL_CONCURRENCY).map(signalOne));
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), SIGNAL_WAIT_MS);
    timer.unref();
  });
  const outcome = await Promise.race([all.then(() => 'done' as const), timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    deps.logger.warn({ date, workflows: workflowIds.length }, 'calendar changed: signals still being sent in the background');
    all.catch(() => undefined);
  }
}
