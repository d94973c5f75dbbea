import { dbDate } from '../../db/dates';
import type { AppraisalClock, ApplicantFacts, Deadline, ScreeningResult } from '../../domain';
import type { DossierStage, DossierStatus } from '../../workflows/dossier/api';
import { appendAudit } from '../../db/audit';
import type { ActivityDeps } from '../deps';
import { json, moveRoleTasks, roleTasksAt } from './role-tasks';

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
  /** Department-opinion tasks to open, ids chosen by the workflow; the departments were resolved from the catalogue. */
  openTasks?: { id: string; departmentCode: string; deadline: Deadline }[];
  /** Open tasks become CANCELLED (withdrawal). */
  cancelOpenTasks?: boolean;
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

    for (const task of record.openTasks ?? []) {
      const department = await tx.department.findUniqueOrThrow({ where: { code: task.departmentCode }, select: { id: true } });
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

    await moveRoleTasks(tx, dossier.id, roleTasksAt(record.after.stage, record.after.status, record.action), deadlines, record.cancelOpenTasks ? 'CANCELLED' : 'DONE');

    if (record.cancelOpenTasks) {
      const open = await tx.task.findMany({ where: { dossierId: dossier.id, status: 'OPEN' } });
      for (const task of open) {
        await tx.task.update({ where: { id: task.id }, data: { status: 'CANCELLED', version: task.version + 1, completedAt: new Date() } });
        await audit('task.cancelled', 'Task', task.id, { status: 'OPEN' }, { status: 'CANCELLED' });
      }
    }
  });
}
