import type { OpinionVerdict } from '../../workflows/dossier/api';
import { appendAudit } from '../../db/audit';
import type { ActivityDeps } from '../deps';
import { json, userIdByUsername } from './role-tasks';

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
    const dossierId = task.dossierId as string;
    const opinion = await tx.opinion.upsert({
      where: { dossierId_departmentId: { dossierId, departmentId } },
      create: { dossierId, departmentId, verdict: record.verdict, text: record.text, deemed, givenById, givenAt: new Date() },
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

