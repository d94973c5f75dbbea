import { dbDate, isoDateOf } from '../db/dates';
import { ApplicationFailure } from '@temporalio/common';
import { computeDeadline, formatDateVi, ruleSetById, type AppraisalClock, type ApplicantFacts, type CriterionKey, type Deadline, type MemberScore, type ScreeningResult } from '../domain';
import { loadWorkingDayCalendar } from '../db/working-day-calendar';
import type { Prisma } from '../generated/prisma/client';
import type {
  CouncilSeat,
  DecisionOutcome,
  DossierStage,
  DossierStatus,
  DossierWorkflowInput,
  OpinionVerdict,
} from '../workflows/dossier/api';
import { appendAudit } from './audit';
import type { ActivityDeps } from './deps';


export interface Admission {
  admitted: boolean;
  /** Why a letter was refused (Vietnamese, shown to the applicant). */
  reason?: string;
  roundWindowClosesOn?: string;
}

/**
 * The dossier, its applicant and (for a cluster's first letter) its round enter the read model,
 * with their audit records, in one transaction. The first letter opens a round whose public call is
 * due within the rule set's callAnnouncement limit and whose window closes applicationWindow after
 * that (the call is assumed announced on its due date: the latest the law allows). A letter after
 * the window of the cluster's running round is refused with its reason (stage CLOSED, status
 * REFUSED). Idempotent: a retry after a crash finds the dossier and writes nothing twice.
 */
export async function recordDossierFiled(deps: ActivityDeps, input: DossierWorkflowInput): Promise<Admission> {
  const ruleSet = ruleSetById(input.ruleSetId);
  if (!ruleSet) throw ApplicationFailure.nonRetryable(`Không có bộ quy tắc ${input.ruleSetId}.`, 'UnknownRuleSet');
  const calendar = await loadWorkingDayCalendar(deps.prisma);
  return deps.prisma.$transaction(async (tx): Promise<Admission> => {
    const existing = await tx.dossier.findUnique({ where: { code: input.code }, include: { round: true } });
    if (existing) {
      const refusal = await tx.auditEvent.findFirst({ where: { dossierCode: input.code, action: 'dossier.refused-late' } });
      return existing.status === 'REFUSED' && refusal
        ? { admitted: false, reason: (refusal.newValue as { reason: string }).reason }
        : { admitted: true, roundWindowClosesOn: existing.round.windowClosesOn ? isoDateOf(existing.round.windowClosesOn) : undefined };
    }
    const cluster = await tx.cluster.findUniqueOrThrow({ where: { code: input.clusterCode } });
    const applicant = await tx.applicant.upsert({
      where: { taxCode: input.applicant.taxCode },
      create: { name: input.applicant.name, taxCode: input.applicant.taxCode, contactEmail: input.applicant.email },
      update: { name: input.applicant.name, contactEmail: input.applicant.email },
    });
    let round = await tx.selectionRound.findFirst({
      where: { clusterId: cluster.id, status: { in: ['CALL_PENDING', 'WINDOW_OPEN', 'APPRAISAL'] } },
      orderBy: { openedOn: 'desc' },
    });
    if (!round) {
      const announcement = computeDeadline(calendar, input.filedOn, ruleSet.limits.callAnnouncement);
      const window = computeDeadline(calendar, announcement.due, ruleSet.limits.applicationWindow);
      round = await tx.selectionRound.create({
        data: {
          clusterId: cluster.id,
          ruleSetId: input.ruleSetId,
          openedOn: dbDate(input.filedOn),
          announcementDueOn: dbDate(announcement.due),
          windowClosesOn: dbDate(window.due),
        },
      });
      await appendAudit(tx, {
        actor: input.submittedBy,
        action: 'round.opened',
        entityType: 'SelectionRound',
        entityId: round.id,
        dossierCode: input.code,
        newValue: { clusterCode: cluster.code, ruleSetId: input.ruleSetId, openedOn: input.filedOn, announcementDue: announcement, windowCloses: window },
      });
    }
    const windowClosesOn = round.windowClosesOn ? isoDateOf(round.windowClosesOn) : undefined;
    const late = windowClosesOn !== undefined && input.filedOn > windowClosesOn;
    const reason = late
      ? `Văn bản đề nghị nhận ngày ${formatDateVi(input.filedOn)}, sau khi hết thời hạn nhận hồ sơ của đợt lựa chọn chủ đầu tư cụm công nghiệp ${cluster.code} (hết ngày ${formatDateVi(windowClosesOn)}).`
      : undefined;
    const dossier = await tx.dossier.create({
      data: {
        code: input.code,
        workflowId: input.code,
        projectTitle: input.projectTitle,
        roundId: round.id,
        clusterId: cluster.id,
        applicantId: applicant.id,
        ruleSetId: input.ruleSetId,
        filedOn: dbDate(input.filedOn),
        stage: late ? 'CLOSED' : 'COMPLETENESS_CHECK',
        status: late ? 'REFUSED' : 'ACTIVE',
        version: 0,
      },
    });
    await appendAudit(tx, {
      actor: input.submittedBy,
      action: 'dossier.filed',
      entityType: 'Dossier',
      entityId: dossier.id,
      dossierCode: input.code,
      newValue: { stage: dossier.stage, status: dossier.status, ruleSetId: input.ruleSetId, clusterCode: cluster.code, filedOn: input.filedOn },
    });
    if (late) {
      await appendAudit(tx, { actor: 'system', action: 'dossier.refused-late', entityType: 'Dossier', entityId: dossier.id, dossierCode: input.code, newValue: { reason, windowClosesOn } });
      return { admitted: false, reason };
    }
    await moveRoleTasks(tx, { id: dossier.id }, roleTasksAt('COMPLETENESS_CHECK', 'ACTIVE', 'dossier.filed'), {}, 'DONE');
    return { admitted: true, roundWindowClosesOn: windowClosesOn };
  });
}

/**
 * Every council score sheet of the dossier's round, for ranking the round's applicants together
 * (applicantId = dossier code); refused, withdrawn and rejected dossiers are left out. `unscored` names the
 * round's other dossiers still in progress without a score, so a report can say the ranking is
 * provisional.
 */
export async function roundScores(deps: ActivityDeps, request: { code: string }): Promise<{ scores: MemberScore[]; unscored: string[] }> {
  const dossier = await deps.prisma.dossier.findUniqueOrThrow({ where: { code: request.code } });
  const rows = await deps.prisma.score.findMany({
    // Every dossier closed without being the winner is out of the ranking: refused, withdrawn, rejected.
    where: { roundId: dossier.roundId, dossier: { status: { notIn: ['REFUSED', 'WITHDRAWN', 'REJECTED'] } } },
    include: { member: { select: { username: true } }, dossier: { select: { code: true } } },
    orderBy: { submittedAt: 'asc' },
  });
  const scores: MemberScore[] = rows.map((row) => ({
    memberId: row.member.username,
    // Secretaries' sheets are refused before they are stored: every stored sheet is a voting member's.
    role: 'member',
    applicantId: row.dossier.code,
    criteria: row.criteria as Record<CriterionKey, number>,
  }));
  const scored = new Set(scores.map((s) => s.applicantId));
  const others = await deps.prisma.dossier.findMany({
    where: { roundId: dossier.roundId, status: { in: ['ACTIVE', 'ON_HOLD', 'RETURNED'] } },
    select: { code: true },
    orderBy: { code: 'asc' },
  });
  return { scores, unscored: others.map((d) => d.code).filter((c) => !scored.has(c)) };
}

const json = (value: unknown) => value as Prisma.InputJsonValue;

type TaskKind = 'COMPLETENESS_CHECK' | 'SUPPLEMENT_REVIEW' | 'ELIGIBILITY_SCREENING' | 'COUNCIL_SCORING' | 'APPRAISAL_REPORT' | 'DECISION';
type StaffRole = 'INTAKE_OFFICER' | 'APPRAISER' | 'COUNCIL_MEMBER' | 'MANAGER';

/**
 * The role tasks (inbox items, GET /api/tasks) open while a dossier is at a stage: who must act
 * next, due by the stage's deadline. Department opinions are their own tasks (openTasks).
 */
function roleTasksAt(stage: DossierStage, status: DossierStatus, action: string): { kind: TaskKind; role: StaffRole; deadline?: 'appraisal' | 'decision' }[] {
  if (status === 'ON_HOLD' || status === 'WITHDRAWN' || status === 'REFUSED' || status === 'REJECTED' || status === 'APPROVED') return [];
  switch (stage) {
    case 'COMPLETENESS_CHECK':
      return [{ kind: action === 'dossier.supplement-received' ? 'SUPPLEMENT_REVIEW' : 'COMPLETENESS_CHECK', role: 'INTAKE_OFFICER', deadline: 'appraisal' }];
    case 'SCREENING':
      return [{ kind: 'ELIGIBILITY_SCREENING', role: 'APPRAISER', deadline: 'appraisal' }];
    case 'SCORING':
      return [
        { kind: 'COUNCIL_SCORING', role: 'COUNCIL_MEMBER', deadline: 'appraisal' },
        { kind: 'APPRAISAL_REPORT', role: 'APPRAISER', deadline: 'appraisal' },
      ];
    case 'APPRAISAL_REPORT':
      return [{ kind: 'APPRAISAL_REPORT', role: 'APPRAISER', deadline: 'appraisal' }];
    case 'DECISION':
      return [{ kind: 'DECISION', role: 'MANAGER', deadline: 'decision' }];
    default:
      return [];
  }
}

/**
 * Closes the dossier's open role tasks (DONE, or CANCELLED) and opens those of its new stage. No
 * audit records of their own: the dossier transition that moves them is the audited event.
 */
async function moveRoleTasks(
  tx: Prisma.TransactionClient,
  dossier: { id: string },
  next: { kind: TaskKind; role: StaffRole; deadline?: 'appraisal' | 'decision' }[],
  deadlines: Record<string, Deadline>,
  closeAs: 'DONE' | 'CANCELLED',
): Promise<void> {
  const open = await tx.task.findMany({ where: { dossierId: dossier.id, status: 'OPEN', kind: { not: 'DEPARTMENT_OPINION' } } });
  for (const task of open) {
    await tx.task.update({ where: { id: task.id }, data: { status: closeAs, version: task.version + 1, completedAt: new Date() } });
  }
  for (const task of next) {
    const due = task.deadline ? deadlines[task.deadline]?.due : undefined;
    await tx.task.create({
      data: { dossierId: dossier.id, kind: task.kind, role: task.role, dueOn: due ? dbDate(due) : null, version: 1, payload: json({ deadline: task.deadline ?? null }) },
    });
  }
}

async function userIdByUsername(tx: Prisma.TransactionClient, username: string): Promise<string | null> {
  const user = await tx.user.findUnique({ where: { username }, select: { id: true } });
  return user?.id ?? null;
}

/**
 * One state change of a dossier, as the workflow decided it. Everything it names is written in one
 * transaction with its audit records; `after.version` makes it idempotent (a retry finds the version
 * already there and writes nothing).
 */
export interface TransitionRecord {
  code: string;
  actor: string;
  /** Audit action, e.g. 'dossier.complete'. */
  action: string;
  after: { stage: DossierStage; status: DossierStatus; version: number };
  /** Extra facts for the audit record's newValue. */
  detail?: Record<string, unknown>;
  /** Deadlines to set (null removes one); a changed due date gets its own 'deadline.changed' audit record. */
  deadlines?: Record<string, Deadline | null>;
  clock?: AppraisalClock | null;
  facts?: ApplicantFacts;
  screening?: ScreeningResult;
  /** Department-opinion tasks to open, ids chosen by the workflow. */
  openTasks?: { id: string; departmentCode: string; deadline: Deadline }[];
  /** Open tasks become CANCELLED (withdrawal). */
  cancelOpenTasks?: boolean;
  decision?: { outcome: DecisionOutcome; reason: string; winner: boolean };
}

export async function recordTransition(deps: ActivityDeps, record: TransitionRecord): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    const dossier = await tx.dossier.findUniqueOrThrow({ where: { code: record.code } });
    if (dossier.version >= record.after.version) return;
    const audit = (action: string, entityType: string, entityId: string, oldValue?: unknown, newValue?: unknown) =>
      appendAudit(tx, { actor: record.actor, action, entityType, entityId, dossierCode: record.code, oldValue, newValue });

    const oldDeadlines = (dossier.deadlines ?? {}) as Record<string, Deadline>;
    const deadlines: Record<string, Deadline> = { ...oldDeadlines };
    for (const [name, deadline] of Object.entries(record.deadlines ?? {})) {
      if (deadline === null) delete deadlines[name];
      else deadlines[name] = deadline;
    }
    await tx.dossier.update({
      where: { id: dossier.id },
      data: {
        stage: record.after.stage,
        status: record.after.status,
        version: record.after.version,
        deadlines: json(deadlines),
        ...(record.clock !== undefined ? { clock: json(record.clock ?? {}) } : {}),
        ...(record.facts !== undefined ? { facts: json(record.facts) } : {}),
        ...(record.screening !== undefined ? { screening: json(record.screening) } : {}),
      },
    });
    await audit(
      record.action,
      'Dossier',
      dossier.id,
      { stage: dossier.stage, status: dossier.status, version: dossier.version },
      { stage: record.after.stage, status: record.after.status, version: record.after.version, ...record.detail },
    );
    for (const [name, deadline] of Object.entries(record.deadlines ?? {})) {
      const before = oldDeadlines[name];
      if ((before?.due ?? null) === (deadline?.due ?? null)) continue;
      await audit('deadline.changed', 'Dossier', dossier.id, before ? { name, ...before } : null, deadline ? { name, ...deadline } : null);
    }

    if (record.openTasks?.length) {
      const codes = record.openTasks.map((t) => t.departmentCode);
      const departments = await tx.department.findMany({ where: { code: { in: codes } } });
      const missing = codes.filter((c) => !departments.some((d) => d.code === c));
      if (missing.length) {
        throw ApplicationFailure.nonRetryable(`Không có sở, ngành mã ${missing.join(', ')} trong danh mục.`, 'UnknownDepartment');
      }
      for (const task of record.openTasks) {
        const department = departments.find((d) => d.code === task.departmentCode) as { id: string };
        await tx.task.create({
          data: {
            id: task.id,
            dossierId: dossier.id,
            kind: 'DEPARTMENT_OPINION',
            departmentId: department.id,
            role: 'REVIEWER',
            dueOn: dbDate(task.deadline.due),
            version: 1,
            payload: json({ departmentCode: task.departmentCode, deadline: task.deadline }),
          },
        });
        await audit('task.opened', 'Task', task.id, undefined, { kind: 'DEPARTMENT_OPINION', departmentCode: task.departmentCode, due: task.deadline.due });
      }
    }

    await moveRoleTasks(
      tx,
      { id: dossier.id },
      roleTasksAt(record.after.stage, record.after.status, record.action),
      deadlines,
      record.cancelOpenTasks ? 'CANCELLED' : 'DONE',
    );

    if (record.cancelOpenTasks) {
      const open = await tx.task.findMany({ where: { dossierId: dossier.id, status: 'OPEN' } });
      for (const task of open) {
        await tx.task.update({ where: { id: task.id }, data: { status: 'CANCELLED', version: task.version + 1, completedAt: new Date() } });
        await audit('task.cancelled', 'Task', task.id, { status: 'OPEN' }, { status: 'CANCELLED' });
      }
    }

    if (record.decision) {
      const decidedById = await userIdByUsername(tx, record.actor);
      if (!decidedById) throw ApplicationFailure.nonRetryable(`Không có người dùng ${record.actor}.`, 'UnknownUser');
      if (record.decision.winner) {
        // Compare-and-set: the round's winner is set once. Another dossier already approved refuses
        // this approval, and the transaction (this dossier's transition too) is rolled back.
        const claimed = await tx.selectionRound.updateMany({
          where: { id: dossier.roundId, winnerDossierId: null },
          data: { winnerDossierId: dossier.id, status: 'DECIDED', version: { increment: 1 } },
        });
        if (claimed.count === 0) {
          const round = await tx.selectionRound.findUniqueOrThrow({ where: { id: dossier.roundId }, include: { winner: { select: { code: true } } } });
          throw ApplicationFailure.nonRetryable(
            `Không thể chấp thuận hồ sơ ${record.code}: đợt lựa chọn chủ đầu tư này đã có nhà đầu tư được chấp thuận (hồ sơ ${round.winner?.code ?? 'khác'}).`,
            'RoundAlreadyDecided',
          );
        }
      }
      const decision = await tx.decision.create({
        data: {
          roundId: dossier.roundId,
          outcome: record.decision.outcome,
          winnerDossierId: record.decision.winner ? dossier.id : null,
          reason: record.decision.reason,
          decidedById,
          decidedAt: new Date(),
        },
      });
      await audit('decision.recorded', 'Decision', decision.id, undefined, { outcome: record.decision.outcome, reason: record.decision.reason });
    }
  });
}

export interface CloseOpinionTaskRecord {
  code: string;
  taskId: string;
  /** Username, or 'system' for deemed consent. */
  actor: string;
  verdict: OpinionVerdict | 'DEEMED_CONSENT';
  text: string;
}

/** A department answered, or its deadline passed (deemed consent): the task closes and the opinion is stored. Idempotent. */
export async function closeOpinionTask(deps: ActivityDeps, record: CloseOpinionTaskRecord): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    const task = await tx.task.findUniqueOrThrow({ where: { id: record.taskId } });
    if (task.status !== 'OPEN') return;
    const deemed = record.verdict === 'DEEMED_CONSENT';
    const status = deemed ? 'DEEMED' : 'DONE';
    await tx.task.update({ where: { id: task.id }, data: { status, version: task.version + 1, completedAt: new Date() } });
    const givenById = deemed ? null : await userIdByUsername(tx, record.actor);
    const departmentId = task.departmentId as string;
    const opinion = await tx.opinion.upsert({
      where: { dossierId_departmentId: { dossierId: task.dossierId, departmentId } },
      create: { dossierId: task.dossierId, departmentId, verdict: record.verdict, text: record.text, deemed, givenById, givenAt: new Date() },
      update: {},
    });
    await appendAudit(tx, {
      actor: record.actor,
      action: deemed ? 'opinion.deemed' : 'opinion.given',
      entityType: 'Opinion',
      entityId: opinion.id,
      dossierCode: record.code,
      oldValue: { taskId: task.id, status: task.status, version: task.version },
      newValue: { taskId: task.id, status, version: task.version + 1, verdict: record.verdict, deemed },
    });
  });
}

/** The reminder before a task's deadline, noted on the task once. */
export async function markTaskReminded(deps: ActivityDeps, record: { code: string; taskId: string; on: string }): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    const task = await tx.task.findUniqueOrThrow({ where: { id: record.taskId } });
    const payload = (task.payload ?? {}) as Record<string, unknown>;
    if (payload.remindedOn) return;
    await tx.task.update({ where: { id: task.id }, data: { payload: json({ ...payload, remindedOn: record.on }) } });
    await appendAudit(tx, { actor: 'system', action: 'task.reminded', entityType: 'Task', entityId: task.id, dossierCode: record.code, newValue: { on: record.on } });
  });
}

export interface ScoreRecord {
  code: string;
  actor: string;
  councilRole: CouncilSeat;
  criteria: Record<string, number>;
  total: number;
}

/** One council member's score sheet; refused (non-retryable) when the member is not a user. Idempotent per member. */
export async function recordScore(deps: ActivityDeps, record: ScoreRecord): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    const memberId = await userIdByUsername(tx, record.actor);
    if (!memberId) throw ApplicationFailure.nonRetryable(`Không có thành viên Hội đồng ${record.actor}.`, 'UnknownUser');
    const dossier = await tx.dossier.findUniqueOrThrow({ where: { code: record.code } });
    if (await tx.score.findUnique({ where: { memberId_dossierId: { memberId, dossierId: dossier.id } } })) return;
    const score = await tx.score.create({
      data: { roundId: dossier.roundId, dossierId: dossier.id, memberId, criteria: json(record.criteria), total: record.total, submittedAt: new Date() },
    });
    await appendAudit(tx, {
      actor: record.actor,
      action: 'score.submitted',
      entityType: 'Score',
      entityId: score.id,
      dossierCode: record.code,
      newValue: { councilRole: record.councilRole, criteria: record.criteria, total: record.total },
    });
  });
}

/** E-mail addresses of active staff with a role (and department), for notifications. */
export async function staffRecipients(deps: ActivityDeps, query: { role: 'REVIEWER' | 'APPRAISER' | 'MANAGER' | 'INTAKE_OFFICER'; departmentCode?: string }): Promise<string[]> {
  const users = await deps.prisma.user.findMany({
    where: {
      active: true,
      roles: { some: { role: query.role } },
      ...(query.departmentCode ? { department: { code: query.departmentCode } } : {}),
    },
    select: { email: true },
    orderBy: { username: 'asc' },
  });
  return users.map((u) => u.email);
}

/** Whether a username names an active user (checked before a score or decision is accepted). */
export async function userExists(deps: ActivityDeps, username: string): Promise<boolean> {
  return (await deps.prisma.user.count({ where: { username, active: true } })) > 0;
}

export interface DeadlinesRecord {
  code: string;
  actor: string;
  /** Dossier deadlines recomputed (only those given change). */
  deadlines: Record<string, Deadline>;
  /** Open opinion tasks' recomputed deadlines. */
  tasks: { taskId: string; deadline: Deadline }[];
}

/**
 * Deadlines recomputed after a calendar change: stored on the dossier and its open tasks, each moved
 * due date audited. The dossier's version does not move (nothing a person saw changed state).
 * Idempotent: a retry finds the same due dates and writes nothing.
 */
export async function recordDeadlines(deps: ActivityDeps, record: DeadlinesRecord): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    const dossier = await tx.dossier.findUniqueOrThrow({ where: { code: record.code } });
    const old = (dossier.deadlines ?? {}) as Record<string, Deadline>;
    const moved = Object.entries(record.deadlines).filter(([name, deadline]) => old[name]?.due !== deadline.due || JSON.stringify(old[name]) !== JSON.stringify(deadline));
    if (moved.length) {
      await tx.dossier.update({ where: { id: dossier.id }, data: { deadlines: json({ ...old, ...record.deadlines }) } });
      for (const [name, deadline] of moved) {
        if (old[name]?.due === deadline.due) continue;
        await appendAudit(tx, {
          actor: record.actor,
          action: 'deadline.changed',
          entityType: 'Dossier',
          entityId: dossier.id,
          dossierCode: record.code,
          oldValue: old[name] ? { name, ...old[name] } : null,
          newValue: { name, ...deadline, cause: 'calendar-change' },
        });
      }
    }
    for (const [name, deadline] of moved) {
      const roleTasks = await tx.task.findMany({ where: { dossierId: dossier.id, status: 'OPEN', kind: { not: 'DEPARTMENT_OPINION' } } });
      for (const task of roleTasks) {
        if ((task.payload as { deadline?: string } | null)?.deadline !== name) continue;
        await tx.task.update({ where: { id: task.id }, data: { dueOn: dbDate(deadline.due) } });
      }
    }
    for (const { taskId, deadline } of record.tasks) {
      const task = await tx.task.findUniqueOrThrow({ where: { id: taskId } });
      const payload = (task.payload ?? {}) as { deadline?: Deadline };
      if (task.status !== 'OPEN' || JSON.stringify(payload.deadline) === JSON.stringify(deadline)) continue;
      await tx.task.update({ where: { id: taskId }, data: { dueOn: dbDate(deadline.due), payload: json({ ...payload, deadline }) } });
      if (payload.deadline?.due !== deadline.due) {
        await appendAudit(tx, {
          actor: record.actor,
          action: 'task.deadline-changed',
          entityType: 'Task',
          entityId: taskId,
          dossierCode: record.code,
          oldValue: { due: payload.deadline?.due ?? null },
          newValue: { due: deadline.due, skipped: deadline.skipped, cause: 'calendar-change' },
        });
      }
    }
  });
}

/** The other dossiers of the round still open (to be told that the round has its investor). */
export async function roundCompetitors(deps: ActivityDeps, request: { code: string }): Promise<string[]> {
  const dossier = await deps.prisma.dossier.findUniqueOrThrow({ where: { code: request.code } });
  const others = await deps.prisma.dossier.findMany({
    where: { roundId: dossier.roundId, code: { not: request.code }, status: { in: ['ACTIVE', 'ON_HOLD', 'RETURNED'] } },
    select: { code: true },
    orderBy: { code: 'asc' },
  });
  return others.map((d) => d.code);
}

export interface OverdueNoticeRecord {
  code: string;
  actor: string;
  /** The overdue stage's deadline key ('decision', 'appraisal', 'departmentOpinion'). */
  stage: string;
  /** The due date the stage missed. */
  missedDue: string;
  /** The new expected date: the stage's own limit counted again from the day the overdue was detected. */
  revised: Deadline;
  /** Numbers the notices of one stage (the mail's idempotency key uses it too). */
  n: number;
}

/**
 * A stage is overdue and the applicant is told so: the new expected date enters the read model
 * (Dossier.deadlines[`<stage>Revised`], explained by its skipped days) together with its
 * `dossier.overdue-notice` audit record, in one transaction. The dossier's version does not move
 * (nobody's step changed). Idempotent: a retry finds the same revised deadline and writes nothing.
 */
export async function recordOverdueNotice(deps: ActivityDeps, record: OverdueNoticeRecord): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    const dossier = await tx.dossier.findUniqueOrThrow({ where: { code: record.code } });
    const deadlines = (dossier.deadlines ?? {}) as Record<string, Deadline>;
    const key = `${record.stage}Revised`;
    const before = deadlines[key];
    if (before && JSON.stringify(before) === JSON.stringify(record.revised)) return;
    await tx.dossier.update({ where: { id: dossier.id }, data: { deadlines: json({ ...deadlines, [key]: record.revised }) } });
    await appendAudit(tx, {
      actor: record.actor,
      action: 'dossier.overdue-notice',
      entityType: 'Dossier',
      entityId: dossier.id,
      dossierCode: record.code,
      oldValue: { stage: record.stage, expectedDate: before?.due ?? record.missedDue },
      newValue: { stage: record.stage, n: record.n, missedDue: record.missedDue, expectedDate: record.revised.due, deadline: { name: key, ...record.revised } },
    });
  });
}
