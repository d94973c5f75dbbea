import { isoDateOf } from '../../db/dates';
import { loadWorkingDayCalendar } from '../../db/working-day-calendar';
import { clockStatus, type AppraisalClock, type Deadline, type RequestedItem, type ScreeningResult } from '../../domain';
import { todayInVietnam } from '../../infra/clock';
import type { ApiDeps } from '../deps';
import { notFound } from '../http/problem';
import type { DossierView } from './schemas';

/** While a dossier is at one of these stages its appraisal clock is live; otherwise its deadline is shown as closed. */
const APPRAISAL_OPEN = ['COMPLETENESS_CHECK', 'SUPPLEMENT_REQUESTED', 'DEPARTMENT_OPINIONS', 'SCREENING', 'SCORING'];

/** Which dossier stage each deadline belongs to: once the dossier has left it, the deadline is marked closed. */
const DEADLINE_OPEN_AT: Record<string, string[]> = {
  appraisal: APPRAISAL_OPEN,
  departmentOpinion: ['DEPARTMENT_OPINIONS'],
  departmentOpinionRevised: ['DEPARTMENT_OPINIONS'],
};

/**
 * The staff view of a dossier, read from PostgreSQL in one query (one consistent snapshot): what
 * people act on, typed — its round, its tasks with their versions, the appraisal clock, the
 * supplement asked for, the screening result, the score sheets — and the timeline from the audit trail.
 */
export async function getDossier(deps: Pick<ApiDeps, 'prisma'>, code: string): Promise<DossierView> {
  const dossier = await deps.prisma.dossier.findUnique({
    where: { code },
    include: {
      cluster: true,
      applicant: true,
      round: { select: { code: true, status: true } },
      tasks: { include: { department: { select: { code: true } } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      scores: { include: { member: { select: { username: true } } }, orderBy: { submittedAt: 'asc' } },
    },
  });
  if (!dossier) throw notFound(`Không có hồ sơ mã ${code}. Kiểm tra lại mã (dạng CCN-XXXXX-XXXXX).`);
  const events = await deps.prisma.auditEvent.findMany({ where: { dossierCode: code }, orderBy: { id: 'asc' } });
  const deadlines = dossier.deadlines as Record<string, Deadline>;
  const lastSupplementRequest = [...events].reverse().find((e) => e.action === 'dossier.supplement-requested');
  const request = dossier.status === 'ON_HOLD' ? (lastSupplementRequest?.newValue as { missing?: string[]; items?: RequestedItem[] } | null) : null;
  return {
    code: dossier.code,
    stage: dossier.stage,
    status: dossier.status,
    ruleSetId: dossier.ruleSetId,
    filedOn: isoDateOf(dossier.filedOn),
    projectTitle: dossier.projectTitle,
    cluster: { code: dossier.cluster.code, name: dossier.cluster.name, district: dossier.cluster.district },
    applicant: { name: dossier.applicant.name, taxCode: dossier.applicant.taxCode, email: dossier.applicant.contactEmail },
    version: dossier.version,
    deadlines: Object.fromEntries(
      Object.entries(deadlines).map(([name, d]) => [name, { ...d, closed: DEADLINE_OPEN_AT[name] ? !DEADLINE_OPEN_AT[name].includes(dossier.stage) : false }]),
    ),
    round: { code: dossier.round.code ?? dossier.roundId, stage: dossier.round.status },
    tasks: dossier.tasks.map((task) => ({
      taskId: task.id,
      kind: task.kind,
      role: task.role,
      departmentCode: task.department?.code ?? null,
      status: task.status,
      version: task.version,
      dueOn: task.dueOn ? isoDateOf(task.dueOn) : null,
    })),
    clock: await clockView(deps, dossier.clock as AppraisalClock | Record<string, never>, dossier.stage),
    missing: request?.missing ?? [],
    missingItems: request?.items ?? [],
    screening: dossier.screening ? { eligible: (dossier.screening as ScreeningResult).eligible, failures: (dossier.screening as ScreeningResult).failures } : null,
    scores: dossier.scores.map((score) => ({ member: score.member.username, total: Number(score.total), criteria: score.criteria as Record<string, number> })),
    timeline: events.map((event) => ({ at: event.occurredAt.toISOString(), actor: event.actor, action: event.action, oldValue: event.oldValue, newValue: event.newValue })),
  };
}

/** The appraisal clock as of today on the calendar in force (null before it starts). */
async function clockView(deps: Pick<ApiDeps, 'prisma'>, clock: AppraisalClock | Record<string, never>, stage: string): Promise<DossierView['clock']> {
  if (!('startedOn' in clock)) return null;
  const today = todayInVietnam();
  const status = clockStatus(await loadWorkingDayCalendar(deps.prisma), clock as AppraisalClock, today);
  const open = clock.pauses.find((p) => p.to === null);
  return {
    startedOn: clock.startedOn,
    due: status.due,
    daysUsed: status.daysUsed,
    daysLeft: status.daysLeft,
    unit: clock.budget.unit,
    paused: status.paused,
    pausedSince: open?.from ?? null,
    overdue: APPRAISAL_OPEN.includes(stage) && status.overdue,
  };
}
