import { WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import type { DossierStage, TaskKind } from '../../generated/prisma/client';
import { dossierWorkflowId } from '../../workflows/dossier/api';
import type { AuthUser } from '../auth/middleware';
import type { ApiDeps } from '../deps';
import { getDossier } from '../dossiers/service';
import { conflict, HttpProblem, notFound, unprocessable } from '../http/problem';
import type { ActionResult } from './schemas';

/** The read-model row an action is checked against. */
export interface ActionDossier {
  id: string;
  code: string;
  stage: DossierStage;
  status: string;
  version: number;
  ruleSetId: string;
}

/**
 * The step of the procedure an action belongs to. The dossier workflow opens a role task (Task row
 * of one of `taskKinds`) while the step is open; on a dossier without such rows (filed before role
 * tasks were recorded, or a step that has none) the dossier's stage tells whether the step is open.
 */
export interface Step {
  /** In Vietnamese, for problem details: "kiểm tra tính đầy đủ". */
  label: string;
  taskKinds: TaskKind[];
  stages: readonly DossierStage[];
  /** The caller must hold the open task (assignee, role and department); false: any caller with the route's role. */
  owned: boolean;
}

const CLOSED_STAGES: DossierStage[] = ['CLOSED', 'MONITORING'];

/** 403 "not your task", with the workflow's failure-type vocabulary in `reason`. */
export const notYourTask = (detail: string, reason = 'NotYourTask') => new HttpProblem(403, 'Không phải nhiệm vụ của bạn (Forbidden)', detail, { reason });

export async function loadActionDossier(deps: Pick<ApiDeps, 'prisma'>, code: string): Promise<ActionDossier> {
  const dossier = await deps.prisma.dossier.findUnique({ where: { code }, select: { id: true, code: true, stage: true, status: true, version: true, ruleSetId: true } });
  if (!dossier) throw notFound(`Không có hồ sơ mã ${code}. Kiểm tra lại mã (dạng CCN-XXXXX-XXXXX).`);
  return dossier;
}

function stepNotOpen(dossier: ActionDossier, step: Step): HttpProblem {
  const where = { stage: dossier.stage, dossierStatus: dossier.status, currentVersion: dossier.version };
  if (CLOSED_STAGES.includes(dossier.stage)) {
    return conflict(`Hồ sơ ${dossier.code} đã kết thúc (${dossier.stage}/${dossier.status}); không nhận thêm thao tác.`, { reason: 'DossierClosed', ...where });
  }
  return conflict(`Hồ sơ ${dossier.code} không ở bước ${step.label} (đang ở ${dossier.stage}/${dossier.status}). Tải lại hồ sơ.`, { reason: 'WrongStage', ...where });
}

/**
 * Checks, in the read model, that the step is open on the dossier and (when `owned`) that one of its
 * open tasks is the caller's: assigned to them, or unassigned for one of their roles and their
 * department (or no department). 409 when the step is not open, 403 when the task is someone else's.
 */
export async function claimStep(deps: Pick<ApiDeps, 'prisma'>, dossier: ActionDossier, user: AuthUser, step: Step): Promise<void> {
  const tasks = step.taskKinds.length
    ? await deps.prisma.task.findMany({ where: { dossierId: dossier.id, kind: { in: step.taskKinds } }, select: { status: true, assigneeId: true, role: true, departmentId: true } })
    : [];
  if (tasks.length === 0) {
    if (!step.stages.includes(dossier.stage)) throw stepNotOpen(dossier, step);
    return;
  }
  const open = tasks.filter((task) => task.status === 'OPEN');
  if (open.length === 0) throw stepNotOpen(dossier, step);
  if (!step.owned) return;
  const mine = open.some((task) =>
    task.assigneeId
      ? task.assigneeId === user.id
      : (task.role === null || user.roles.includes(task.role)) && (task.departmentId === null || task.departmentId === user.departmentId),
  );
  if (!mine) throw notYourTask(`Nhiệm vụ ${step.label} của hồ sơ ${dossier.code} không giao cho ${user.username} hay đơn vị của bạn.`);
}

/** The open department-opinion task of the caller's department on the dossier, checked against the version the reviewer saw. */
export async function claimOpinionTask(deps: Pick<ApiDeps, 'prisma'>, dossier: ActionDossier, user: AuthUser, taskVersion: number): Promise<void> {
  if (!user.departmentId) throw notYourTask(`Tài khoản ${user.username} không thuộc sở, ngành nào nên không cho ý kiến được.`);
  const task = await deps.prisma.task.findFirst({
    where: { dossierId: dossier.id, kind: 'DEPARTMENT_OPINION', departmentId: user.departmentId },
    orderBy: { createdAt: 'desc' },
    select: { status: true, version: true },
  });
  if (!task) {
    throw notYourTask(`${user.departmentCode ?? 'Đơn vị của bạn'} không được hỏi ý kiến về hồ sơ ${dossier.code}: đây không phải nhiệm vụ của bạn.`, 'WrongDepartment');
  }
  if (task.status !== 'OPEN') {
    throw conflict(`Nhiệm vụ cho ý kiến của ${user.departmentCode} về hồ sơ ${dossier.code} đã đóng (${task.status}).`, {
      reason: 'TaskClosed',
      taskStatus: task.status,
      currentVersion: task.version,
    });
  }
  expectVersion(taskVersion, task.version, 'nhiệm vụ');
}

/** 409 with the current version when the client acted on an old one. */
export function expectVersion(sent: number, current: number, what: 'hồ sơ' | 'nhiệm vụ'): void {
  if (sent === current) return;
  throw conflict(`Phiên bản ${what} đã cũ: bạn xem phiên bản ${sent}, hiện là ${current}. Tải lại rồi thử lại.`, { reason: 'StaleVersion', currentVersion: current });
}

/** Has this council member's score sheet for the dossier already been recorded? 409 if so. */
export async function expectNoScoreYet(deps: Pick<ApiDeps, 'prisma'>, dossier: ActionDossier, user: AuthUser): Promise<void> {
  const existing = await deps.prisma.score.findUnique({ where: { memberId_dossierId: { memberId: user.id, dossierId: dossier.id } }, select: { id: true } });
  if (existing) throw conflict(`${user.username} đã chấm điểm hồ sơ ${dossier.code}.`, { reason: 'DuplicateScore' });
}

/** Validator / handler failure types of the dossier workflow, by HTTP answer; any other type is a 422. */
const CONFLICTS = new Set(['StaleVersion', 'WrongStage', 'TaskClosed', 'DossierClosed', 'DuplicateScore', 'ScoringInProgress', 'NoScores', 'NotOpenYet']);
const FORBIDDEN = new Set(['WrongDepartment', 'NotYourTask', 'UnknownUser']);

/** The problem document for an error of executeUpdate; anything unknown is returned unchanged (a 500). */
export function workflowProblem(error: unknown, dossier: Pick<ActionDossier, 'code' | 'stage' | 'status'>, closed: boolean | undefined): unknown {
  if (error instanceof WorkflowNotFoundError) {
    if (closed) {
      return conflict(`Hồ sơ ${dossier.code} đã kết thúc; không nhận thêm thao tác.`, { reason: 'DossierClosed', stage: dossier.stage, dossierStatus: dossier.status });
    }
    return notFound(`Không tìm thấy quy trình xử lý của hồ sơ ${dossier.code}; báo quản trị viên.`);
  }
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const reason = error.cause.type ?? 'Refused';
    if (CONFLICTS.has(reason)) return conflict(error.cause.message, { reason });
    if (FORBIDDEN.has(reason)) return notYourTask(error.cause.message, reason);
    return unprocessable(error.cause.message, { reason });
  }
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new HttpProblem(503, 'Dịch vụ chưa sẵn sàng (Service Unavailable)', 'Quy trình chưa trả lời kịp; thao tác có thể đã được ghi nhận. Tải lại hồ sơ trước khi thử lại.');
  }
  return error;
}

export const dossierHandle = (deps: Pick<ApiDeps, 'temporal'>, dossier: Pick<ActionDossier, 'code'>) => deps.temporal.workflow.getHandle(dossierWorkflowId(dossier.code));

/**
 * Sends the action to the dossier's workflow as an Update; the workflow's synchronous validator has
 * the last word. A refusal becomes a problem document with the validator's message.
 */
export async function forward<Ret, Arg>(deps: Pick<ApiDeps, 'temporal'>, dossier: ActionDossier, updateId: string | undefined, update: UpdateDefinition<Ret, [Arg]>, arg: Arg): Promise<void> {
  const handle = dossierHandle(deps, dossier);
  try {
    await handle.executeUpdate(update, { args: [arg], ...(updateId ? { updateId } : {}) });
  } catch (error) {
    let closed: boolean | undefined;
    if (error instanceof WorkflowNotFoundError) {
      // Completed (closed) or never started: describe() tells them apart.
      closed = await handle.describe().then(
        (description) => description.status.name !== 'RUNNING',
        () => false,
      );
    }
    throw workflowProblem(error, dossier, closed);
  }
}

/** The dossier after the action, read back from PostgreSQL (never from a Temporal query). */
export async function actionResult(deps: ApiDeps, code: string): Promise<ActionResult> {
  return getDossier(deps, code);
}
