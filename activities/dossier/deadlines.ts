import { dbDate } from '../../db/dates';
import type { Deadline } from '../../domain';
import { appendAudit } from '../../db/audit';
import type { ActivityDeps } from '../deps';
import { json } from './role-tasks';

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
