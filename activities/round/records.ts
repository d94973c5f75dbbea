import { dbDate } from '../../db/dates';
import { loadWorkingDayCalendar } from '../../db/working-day-calendar';
import { compareDates, computeDeadline, ruleSetById, type Deadline } from '../../domain';
import type { Prisma } from '../../generated/prisma/client';
import type { DecisionOutcome } from '../../workflows/dossier/api';
import type { RoundReportView, RoundStage } from '../../workflows/round/api';
import { appendAudit, type AuditRecord } from '../../db/audit';
import type { ActivityDeps } from '../deps';

const json = (value: unknown) => value as Prisma.InputJsonValue;

export interface RoundOpenedRecord {
  code: string;
  clusterCode: string;
  number: number;
  ruleSetId: string;
  openedOn: string;
  actor: string;
}

/**
 * The round enters the read model (once: a retry finds it by its code), with the public call's
 * deadline counted from the first letter on the calendar in force.
 */
export async function recordRoundOpened(deps: ActivityDeps, record: RoundOpenedRecord): Promise<{ announcementDeadline: Deadline }> {
  const ruleSet = ruleSetById(record.ruleSetId);
  if (!ruleSet) throw new Error(`Không có bộ quy tắc ${record.ruleSetId}.`);
  const announcementDeadline = computeDeadline(await loadWorkingDayCalendar(deps.prisma), record.openedOn, ruleSet.limits.callAnnouncement);
  await deps.prisma.$transaction(async (tx) => {
    if (await tx.selectionRound.findUnique({ where: { code: record.code }, select: { id: true } })) return;
    const cluster = await tx.cluster.findUniqueOrThrow({ where: { code: record.clusterCode } });
    const round = await tx.selectionRound.create({
      data: {
        code: record.code,
        number: record.number,
        clusterId: cluster.id,
        ruleSetId: record.ruleSetId,
        openedOn: dbDate(record.openedOn),
        announcementDueOn: dbDate(announcementDeadline.due),
        version: 0,
      },
    });
    await appendAudit(tx, { actor: record.actor, action: 'round.opened', entityType: 'SelectionRound', entityId: round.id, newValue: { code: record.code, clusterCode: record.clusterCode, number: record.number, ruleSetId: record.ruleSetId, openedOn: record.openedOn } });
  });
  return { announcementDeadline };
}

type RoundTaskKind = 'CALL_ANNOUNCEMENT' | 'DOSSIER_SUBMISSION' | 'APPRAISAL_REPORT' | 'DECISION';

export interface RoundTransitionRecord {
  code: string;
  actor: string;
  action: string;
  after: { stage: RoundStage; version: number };
  deadlines?: Record<string, Deadline>;
  announcement?: { announcedOn: string; publishedAt: string; by: string };
  submittedOn?: string;
  report?: RoundReportView;
  decision?: { outcome: DecisionOutcome; reason: string; winnerCode: string | null };
  /** The round's open tasks close (DONE) and these open, each due by one of the round's deadlines. */
  openTasks?: { kind: RoundTaskKind; role: 'REVIEWER' | 'APPRAISER' | 'MANAGER'; departmentCode?: string; deadline: string }[];
  detail?: Record<string, unknown>;
}

/** One state change of a round in one transaction: the round row, its tasks, its decision and the audit records. Idempotent by version. */
export async function recordRoundTransition(deps: ActivityDeps, record: RoundTransitionRecord): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    const round = await tx.selectionRound.findUniqueOrThrow({ where: { code: record.code } });
    if (round.version >= record.after.version) return;
    const audits: AuditRecord[] = [];
    const audit = (action: string, entityType: string, entityId: string, oldValue?: unknown, newValue?: unknown) =>
      audits.push({ actor: record.actor, action, entityType, entityId, oldValue, newValue: { roundCode: record.code, ...(newValue as object) } });
    const oldDeadlines = (round.deadlines ?? {}) as Record<string, Deadline>;
    const deadlines = { ...oldDeadlines, ...(record.deadlines ?? {}) };
    const winner = record.decision?.winnerCode ? await tx.dossier.findUniqueOrThrow({ where: { code: record.decision.winnerCode }, select: { id: true } }) : null;
    await tx.selectionRound.update({
      where: { id: round.id },
      data: {
        status: record.after.stage,
        version: record.after.version,
        deadlines: json(deadlines),
        ...(record.deadlines?.applicationWindow ? { windowClosesOn: dbDate(record.deadlines.applicationWindow.due) } : {}),
        ...(record.announcement ? { announcement: json(record.announcement) } : {}),
        ...(record.submittedOn ? { submittedOn: dbDate(record.submittedOn) } : {}),
        ...(record.report ? { report: json(record.report) } : {}),
        ...(winner ? { winnerDossierId: winner.id } : {}),
        ...(['DECIDED', 'NO_INVESTOR'].includes(record.after.stage) ? { closedOn: new Date() } : {}),
      },
    });
    audit(record.action, 'SelectionRound', round.id, { stage: round.status, version: round.version }, { stage: record.after.stage, version: record.after.version, ...record.detail });
    for (const [name, deadline] of Object.entries(record.deadlines ?? {})) {
      if (oldDeadlines[name]?.due === deadline.due) continue;
      audit('deadline.changed', 'SelectionRound', round.id, oldDeadlines[name] ? { name, ...oldDeadlines[name] } : null, { name, ...deadline });
    }
    await tx.task.updateMany({ where: { roundId: round.id, status: 'OPEN' }, data: { status: 'DONE', version: { increment: 1 }, completedAt: new Date() } });
    for (const task of record.openTasks ?? []) {
      const department = task.departmentCode ? await tx.department.findUnique({ where: { code: task.departmentCode }, select: { id: true } }) : null;
      const due = deadlines[task.deadline]?.due;
      const created = await tx.task.create({
        data: { roundId: round.id, kind: task.kind, role: task.role, departmentId: department?.id ?? null, dueOn: due ? dbDate(due) : null, version: 1, payload: json({ deadline: task.deadline }) },
      });
      audit('task.opened', 'Task', created.id, undefined, { kind: task.kind, departmentCode: task.departmentCode ?? null, due: due ?? null });
    }
    if (record.decision) {
      const decidedBy = await tx.user.findUnique({ where: { username: record.actor }, select: { id: true } });
      if (!decidedBy) throw new Error(`Không có người dùng ${record.actor}.`);
      const decision = await tx.decision.create({
        data: { roundId: round.id, outcome: record.decision.outcome, winnerDossierId: winner?.id ?? null, reason: record.decision.reason, decidedById: decidedBy.id, decidedAt: new Date() },
      });
      audit('decision.recorded', 'Decision', decision.id, undefined, record.decision);
    }
    await appendAudit(tx, ...audits);
  });
}

/** Deadlines recomputed after a calendar change: stored on the round and its open tasks, each moved due date audited. Idempotent. */
export async function recordRoundDeadlines(deps: ActivityDeps, record: { code: string; actor: string; deadlines: Record<string, Deadline> }): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    const round = await tx.selectionRound.findUniqueOrThrow({ where: { code: record.code } });
    const old = (round.deadlines ?? {}) as Record<string, Deadline>;
    const moved = Object.entries(record.deadlines).filter(([name, d]) => old[name]?.due !== d.due);
    if (moved.length === 0) return;
    await tx.selectionRound.update({
      where: { id: round.id },
      data: { deadlines: json({ ...old, ...record.deadlines }), ...(record.deadlines.applicationWindow ? { windowClosesOn: dbDate(record.deadlines.applicationWindow.due) } : {}) },
    });
    for (const [name, deadline] of moved) {
      const tasks = await tx.task.findMany({ where: { roundId: round.id, status: 'OPEN' } });
      for (const task of tasks) if ((task.payload as { deadline?: string }).deadline === name) await tx.task.update({ where: { id: task.id }, data: { dueOn: dbDate(deadline.due) } });
      await appendAudit(tx, { actor: record.actor, action: 'deadline.changed', entityType: 'SelectionRound', entityId: round.id, oldValue: old[name] ? { name, ...old[name] } : null, newValue: { roundCode: record.code, name, ...deadline, cause: 'calendar-change' } });
    }
  });
}

/** The latest appraisal deadline among the round's scored dossiers (each clock paused only for its own supplements): when the report is due. */
export async function latestAppraisalDeadline(deps: ActivityDeps, request: { codes: string[] }): Promise<Deadline | null> {
  const dossiers = await deps.prisma.dossier.findMany({ where: { code: { in: request.codes } }, select: { deadlines: true } });
  let latest: Deadline | null = null;
  for (const d of dossiers) {
    const appraisal = (d.deadlines as Record<string, Deadline>).appraisal;
    if (appraisal && (!latest || compareDates(appraisal.due, latest.due) > 0)) latest = appraisal;
  }
  return latest;
}
