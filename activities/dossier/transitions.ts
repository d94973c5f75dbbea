import { dbDate } from '../../db/dates';
import type { AppraisalClock, ApplicantFacts, Deadline, ScreeningResult } from '../../domain';
import type { DossierStage, DossierStatus } from '../../workflows/dossier/api';
import { appendAudit, type AuditRecord } from '../../db/audit';
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
    const audits: AuditRecord[] = [];
    const audit = (action: string, entityType: string, entityId: string, oldValue?: unknown, newValue?: unknown) =>
      audits.push({ actor: record.actor, action, entityType, entityId, dossierCode: record.code, oldValue, newValue });

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
    audit(
      record.action,
      'Dossier',
      dossier.id,
      { stage: dossier.stage, status: dossier.status, version: dossier.version },
      { stage: record.after.stage, status: record.after.status, version: record.after.version, ...record.detail },
    );
    for (const [name, deadline] of Object.entries(record.deadlines ?? {})) {
      const before = oldDeadlines[name];
      if ((before?.due ?? null) === (deadline?.due ?? null)) continue;
      audit('deadline.changed', 'Dossier', dossier.id, before ? { name, ...before } : null, deadline ? { name, ...deadline } : null);
    }

    const openTasks = record.openTasks ?? [];
    if (openTasks.length) {
      const departments = await tx.department.findMany({ where: { code: { in: openTasks.map((t) => t.departmentCode) } }, select: { id: true, code: true } });
      const departmentId = (code: string) => {
        const found = departments.find((d) => d.code === code);
        if (!found) throw new Error(`Không có cơ quan ${code} trong danh mục.`);
        return found.id;
      };
      await tx.task.createMany({
        data: openTasks.map((task) => ({
          id: task.id,
          dossierId: dossier.id,
          kind: 'DEPARTMENT_OPINION' as const,
          departmentId: departmentId(task.departmentCode),
          role: 'REVIEWER' as const,
          dueOn: dbDate(task.deadline.due),
          version: 1,
          payload: json({ departmentCode: task.departmentCode, deadline: task.deadline }),
        })),
      });
      for (const task of openTasks) audit('task.opened', 'Task', task.id, undefined, { kind: 'DEPARTMENT_OPINION', departmentCode: task.departmentCode, due: task.deadline.due });
    }

    await moveRoleTasks(tx, dossier.id, roleTasksAt(record.after.stage, record.after.status, record.action), deadlines, record.cancelOpenTasks ? 'CANCELLED' : 'DONE');

    if (record.cancelOpenTasks) {
      const open = await tx.task.findMany({ where: { dossierId: dossier.id, status: 'OPEN' }, select: { id: true } });
      await tx.task.updateMany({ where: { id: { in: open.map((t) => t.id) } }, data: { status: 'CANCELLED', version: { increment: 1 }, completedAt: new Date() } });
      for (const task of open) audit('task.cancelled', 'Task', task.id, { status: 'OPEN' }, { status: 'CANCELLED' });
    }
    await appendAudit(tx, ...audits);
  });
}
