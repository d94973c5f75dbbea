import { isoDateOf } from '../../db/dates';
import { Prisma, type DossierStage, type DossierStatus, type RoundStatus, type TaskKind, type TaskStatus, type Role } from '../../generated/prisma/client';
import { loadWorkingDayIndex } from '../../db/working-day-calendar';
import { appraisalDeadlineOpen, clockStatus, type AppraisalClock, type Deadline, type RequestedItem, type ScreeningResult } from '../../domain';
import { todayInVietnam } from '../../infra/clock';
import type { ApiDeps } from '../deps';
import { notFound } from '../http/problem';
import type { DossierView } from './schemas';

/** Whether each deadline is still to be met: once the dossier has left its step, the deadline is marked closed. */
const DEADLINE_OPEN: Record<string, (stage: DossierStage, round: RoundStatus) => boolean> = {
  appraisal: appraisalDeadlineOpen,
  departmentOpinion: (stage) => stage === 'DEPARTMENT_OPINIONS',
  departmentOpinionRevised: (stage) => stage === 'DEPARTMENT_OPINIONS',
};

/** The dossier row with its relations and audit trail, as one JSON value: one statement, one snapshot. */
interface DossierJson {
  id: string;
  code: string;
  stage: DossierStage;
  status: DossierStatus;
  ruleSetId: string;
  filedOn: string;
  projectTitle: string;
  version: number;
  deadlines: Prisma.JsonValue;
  clock: Prisma.JsonValue;
  screening: Prisma.JsonValue | null;
  roundId: string;
  cluster: { code: string; name: string; district: string };
  applicant: { name: string; taxCode: string; contactEmail: string };
  round: { code: string | null; status: RoundStatus };
  tasks: { id: string; kind: TaskKind; role: Role | null; status: TaskStatus; version: number; dueOn: string | null; department: { code: string } | null }[];
  opinions: { departmentCode: string; verdict: string; text: string; deemed: boolean; by: string | null; at: string }[];
  scores: { total: number; criteria: Prisma.JsonValue; member: { username: string } }[];
  events: { occurredAt: string; actor: string; action: string; oldValue: Prisma.JsonValue | null; newValue: Prisma.JsonValue | null }[];
}

export const dossierViewSql = (code: string) => Prisma.sql`
  SELECT json_build_object(
    'id', d.id, 'code', d.code, 'stage', d.stage, 'status', d.status, 'ruleSetId', d.rule_set_id, 'filedOn', d.filed_on,
    'projectTitle', d.project_title, 'version', d.version, 'deadlines', d.deadlines, 'clock', d.clock, 'screening', d.screening, 'roundId', d.round_id,
    'cluster', json_build_object('code', c.code, 'name', c.name, 'district', c.district),
    'applicant', json_build_object('name', a.name, 'taxCode', a.tax_code, 'contactEmail', a.contact_email),
    'round', json_build_object('code', r.code, 'status', r.status),
    'tasks', (SELECT coalesce(json_agg(json_build_object('id', t.id, 'kind', t.kind, 'role', t.role, 'status', t.status, 'version', t.version, 'dueOn', t.due_on,
                'department', CASE WHEN dep.id IS NULL THEN NULL ELSE json_build_object('code', dep.code) END) ORDER BY t.created_at, t.id), '[]')
              FROM tasks t LEFT JOIN departments dep ON dep.id = t.department_id WHERE t.dossier_id = d.id),
    'opinions', (SELECT coalesce(json_agg(json_build_object('departmentCode', dep.code, 'verdict', o.verdict, 'text', o.text, 'deemed', o.deemed, 'by', u.username, 'at', o.given_at) ORDER BY o.given_at, dep.code), '[]')
                 FROM opinions o JOIN departments dep ON dep.id = o.department_id LEFT JOIN users u ON u.id = o.given_by_id WHERE o.dossier_id = d.id),
    'scores', (SELECT coalesce(json_agg(json_build_object('total', s.total, 'criteria', s.criteria, 'member', json_build_object('username', u.username)) ORDER BY s.submitted_at), '[]')
               FROM scores s JOIN users u ON u.id = s.member_id WHERE s.dossier_id = d.id),
    'events', (SELECT coalesce(json_agg(json_build_object('occurredAt', e.occurred_at, 'actor', e.actor, 'action', e.action, 'oldValue', e.old_value, 'newValue', e.new_value) ORDER BY e.id), '[]')
               FROM audit_events e WHERE e.dossier_code = d.code)
  ) AS view
  FROM dossiers d JOIN clusters c ON c.id = d.cluster_id JOIN applicants a ON a.id = d.applicant_id JOIN selection_rounds r ON r.id = d.round_id
  WHERE d.code = ${code}`;

/**
 * The staff view of a dossier, read from PostgreSQL in one query, so one consistent snapshot: what
 * people act on, typed — its round, its tasks with their versions, the appraisal clock, the
 * supplement asked for, the screening result, the score sheets — and the timeline from the audit
 * trail. A transition committing meanwhile is wholly in the view or wholly out of it: the version
 * shown always belongs with the tasks and the timeline shown, so the version a client sends back
 * is never newer than the one a later read reports.
 */
export async function getDossier(deps: Pick<ApiDeps, 'prisma' | 'config'>, code: string): Promise<DossierView> {
  const [found] = await deps.prisma.$queryRaw<{ view: DossierJson }[]>(dossierViewSql(code));
  if (!found) throw notFound(`Không có hồ sơ mã ${code}. Kiểm tra lại mã (dạng CCN-XXXXX-XXXXX).`);
  const { events: eventRows, ...json } = found.view;
  const dossier = {
    ...json,
    filedOn: new Date(`${json.filedOn}T00:00:00Z`),
    tasks: json.tasks.map((task) => ({ ...task, dueOn: task.dueOn ? new Date(`${task.dueOn}T00:00:00Z`) : null })),
  };
  const events = eventRows.map((event) => ({ ...event, occurredAt: new Date(event.occurredAt) }));
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
      Object.entries(deadlines).map(([name, d]) => [name, { ...d, closed: DEADLINE_OPEN[name] ? !DEADLINE_OPEN[name](dossier.stage, dossier.round.status) : false }]),
    ),
    publicLookupUrl: `${deps.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/tra-cuu/${dossier.code}`,
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
    clock: await clockView(deps, dossier.clock as AppraisalClock | Record<string, never>, appraisalDeadlineOpen(dossier.stage, dossier.round.status)),
    missing: request?.missing ?? [],
    missingItems: request?.items ?? [],
    screening: dossier.screening ? { eligible: (dossier.screening as ScreeningResult).eligible, failures: (dossier.screening as ScreeningResult).failures } : null,
    opinions: dossier.opinions.map((o) => ({ ...o, at: new Date(o.at).toISOString() })),
    scores: dossier.scores.map((score) => ({ member: score.member.username, total: Number(score.total), criteria: score.criteria as Record<string, number> })),
    timeline: events.map((event) => ({ at: event.occurredAt.toISOString(), actor: event.actor, action: event.action, oldValue: event.oldValue, newValue: event.newValue })),
  };
}

/** The appraisal clock as of today on the calendar in force (null before it starts). */
async function clockView(deps: Pick<ApiDeps, 'prisma'>, clock: AppraisalClock | Record<string, never>, open: boolean): Promise<DossierView['clock']> {
  if (!('startedOn' in clock)) return null;
  const today = todayInVietnam();
  const status = clockStatus((await loadWorkingDayIndex(deps.prisma)).calendar, clock as AppraisalClock, today);
  const pause = clock.pauses.find((p) => p.to === null);
  return {
    startedOn: clock.startedOn,
    due: status.due,
    daysUsed: status.daysUsed,
    daysLeft: status.daysLeft,
    unit: clock.budget.unit,
    paused: status.paused,
    pausedSince: pause?.from ?? null,
    overdue: open && status.overdue,
  };
}
