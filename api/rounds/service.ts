import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { isoDateOf } from '../../db/dates';
import type { Deadline, RankingResult } from '../../domain';
import type { Prisma, TaskKind } from '../../generated/prisma/client';
import { roundWorkflowId, type RoundReportView } from '../../workflows/round/api';
import type { AuthUser } from '../auth/middleware';
import type { ApiDeps } from '../deps';
import { notYourTask } from '../actions/service';
import { conflict, notFound, unprocessable } from '../http/problem';
import type { RoundSummary, RoundView } from './schemas';

/** Once the council's scoring of the round is closed (the report step and after), score sheets are shown. */
const SCORES_VISIBLE = ['REPORT', 'DECISION', 'DECIDED', 'NO_INVESTOR'];

const include = {
  cluster: { select: { code: true, name: true } },
  dossiers: { include: { applicant: { select: { name: true } }, scores: { include: { member: { select: { username: true } } }, orderBy: { submittedAt: 'asc' } } }, orderBy: { filedOn: 'asc' } },
  decisions: { include: { decidedBy: { select: { username: true } }, winnerDossier: { select: { code: true } } }, orderBy: { decidedAt: 'asc' } },
  tasks: { include: { department: { select: { code: true } } }, orderBy: { createdAt: 'asc' } },
} satisfies Prisma.SelectionRoundInclude;

export async function listRounds(deps: Pick<ApiDeps, 'prisma'>, query: { cluster?: string; stage?: string }): Promise<RoundSummary[]> {
  const rounds = await deps.prisma.selectionRound.findMany({
    where: { code: { not: null }, ...(query.cluster ? { cluster: { code: query.cluster } } : {}), ...(query.stage ? { status: query.stage as never } : {}) },
    include: { cluster: { select: { code: true, name: true } }, _count: { select: { dossiers: true } } },
    orderBy: [{ openedOn: 'desc' }, { code: 'asc' }],
    take: 200,
  });
  return rounds.map((round) => ({
    code: round.code as string,
    number: round.number,
    stage: round.status,
    version: round.version,
    cluster: round.cluster,
    openedOn: isoDateOf(round.openedOn),
    deadlines: round.deadlines as Record<string, Deadline>,
    applicantCount: round._count.dossiers,
  }));
}

/** A round from the read model: applicants and their stage, scores once scoring is closed, ranking, report, decisions, deadlines, tasks, timeline. */
export async function getRound(deps: Pick<ApiDeps, 'prisma'>, code: string): Promise<RoundView> {
  // One snapshot for the row, its includes (separate statements) and the timeline: a view whose tasks
  // were newer than its version showed a form that the stale version then refused.
  const read = await deps.prisma.$transaction(
    async (tx) => {
      const row = await tx.selectionRound.findUnique({ where: { code }, include });
      return row && { round: row, events: await tx.auditEvent.findMany({ where: { entityType: 'SelectionRound', entityId: row.id }, orderBy: { id: 'asc' } }) };
    },
    { isolationLevel: 'RepeatableRead' },
  );
  if (!read) throw notFound(`Không có đợt lựa chọn mã ${code}. Danh sách: GET /api/rounds.`);
  const { round, events } = read;
  const report = round.report as RoundReportView | null;
  const scoresVisible = SCORES_VISIBLE.includes(round.status);
  return {
    code,
    number: round.number,
    stage: round.status,
    version: round.version,
    ruleSetId: round.ruleSetId,
    cluster: round.cluster,
    openedOn: isoDateOf(round.openedOn),
    deadlines: round.deadlines as Record<string, Deadline>,
    announcement: round.announcement as RoundView['announcement'],
    submittedOn: round.submittedOn ? isoDateOf(round.submittedOn) : null,
    applicants: round.dossiers.map((d) => ({
      code: d.code,
      projectTitle: d.projectTitle,
      applicantName: d.applicant.name,
      filedOn: isoDateOf(d.filedOn),
      stage: d.stage,
      status: d.status,
      scores: scoresVisible ? d.scores.map((s) => ({ member: s.member.username, total: Number(s.total), criteria: s.criteria as Record<string, number> })) : null,
    })),
    ranking: report ? (report.ranking as RankingResult).ranking : null,
    report: report ? { by: report.by, on: report.on, summary: report.summary, proposed: report.proposed } : null,
    decisions: round.decisions.map((d) => ({ outcome: d.outcome, reason: d.reason, by: d.decidedBy.username, at: d.decidedAt.toISOString(), winnerCode: d.winnerDossier?.code ?? null })),
    tasks: round.tasks.map((t) => ({ taskId: t.id, kind: t.kind, role: t.role, departmentCode: t.department?.code ?? null, status: t.status, version: t.version, dueOn: t.dueOn ? isoDateOf(t.dueOn) : null })),
    timeline: events.map((e) => ({ at: e.occurredAt.toISOString(), actor: e.actor, action: e.action, newValue: e.newValue })),
  };
}

/**
 * The round step must be open, as an open task of `kind` in the read model, and be the caller's:
 * the call and the submission belong to the officers of the district/commune PC named on the task.
 */
export async function claimRoundTask(deps: Pick<ApiDeps, 'prisma'>, code: string, kind: TaskKind, label: string, user: AuthUser): Promise<{ version: number }> {
  const round = await deps.prisma.selectionRound.findUnique({ where: { code }, select: { id: true, status: true, version: true } });
  if (!round) throw notFound(`Không có đợt lựa chọn mã ${code}. Danh sách: GET /api/rounds.`);
  const task = await deps.prisma.task.findFirst({ where: { roundId: round.id, kind, status: 'OPEN' }, include: { department: { select: { code: true } } } });
  if (!task) throw conflict(`Đợt lựa chọn ${code} không ở bước ${label} (đang ở ${round.status}). Tải lại đợt lựa chọn.`, { reason: 'WrongStage', stage: round.status, currentVersion: round.version });
  if (task.departmentId && task.departmentId !== user.departmentId) {
    throw notYourTask(`Bước ${label} của đợt ${code} thuộc ${task.department?.code ?? 'đơn vị khác'}, không thuộc đơn vị của bạn.`, 'WrongDepartment');
  }
  return { version: round.version };
}

const CONFLICTS = new Set(['StaleVersion', 'WrongStage']);

export const roundHandle = (deps: Pick<ApiDeps, 'temporal' | 'config'>, code: string) => deps.temporal.workflow.getHandle(roundWorkflowId(deps.config.WORKFLOW_ID_PREFIX, code));

/** The problem document for a refusal of the round workflow's validator or handler; anything else is returned unchanged. */
export function roundProblem(error: unknown): unknown {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const reason = error.cause.type ?? 'Refused';
    if (CONFLICTS.has(reason)) return conflict(error.cause.message, { reason });
    return unprocessable(error.cause.message, { reason });
  }
  return error;
}

/** Sends a round action to the round's workflow as an Update; a refusal of its validator becomes a problem document. */
export async function forwardToRound<Ret, Arg>(deps: Pick<ApiDeps, 'temporal' | 'config'>, code: string, update: UpdateDefinition<Ret, [Arg]>, arg: Arg, updateId?: string): Promise<void> {
  try {
    await roundHandle(deps, code).executeUpdate(update, { args: [arg], ...(updateId ? { updateId } : {}) });
  } catch (error) {
    throw roundProblem(error);
  }
}
