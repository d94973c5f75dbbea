import { isoDateOf } from '../db/dates';
import { DomainError, resolveConsultedDepartments, type IsoDate, type ResolvedDepartment } from '../domain';
import { appendAudit } from '../db/audit';
import type { ActivityDeps } from './deps';

/**
 * The departments a dossier consults when its opinion tasks open on `on`: the rule set's codes,
 * each resolved through the catalogue's successors to the department valid that day (DPI → DOF, …),
 * deduplicated (domain/departments/successors.ts). A code that cannot be resolved is not a failure:
 * the answer names the problem, and the workflow asks an administrator to fix the catalogue.
 */
export async function consultedDepartmentsOn(deps: ActivityDeps, request: { codes: string[]; on: IsoDate }): Promise<{ departments: ResolvedDepartment[] } | { problem: string }> {
  const rows = await deps.prisma.department.findMany({ select: { code: true, validFrom: true, validTo: true, successorCode: true } });
  const catalogue = rows.map((row) => ({
    code: row.code,
    validFrom: isoDateOf(row.validFrom),
    validTo: row.validTo ? isoDateOf(row.validTo) : null,
    successorCode: row.successorCode,
  }));
  try {
    return { departments: resolveConsultedDepartments(catalogue, request.codes, request.on) };
  } catch (error) {
    if (error instanceof DomainError) return { problem: error.message };
    throw error;
  }
}

/** The administrators' task to fix the department catalogue for a dossier (inbox and audit). Idempotent. */
export async function openCatalogueFixTask(deps: ActivityDeps, record: { code: string; actor: string; problem: string }): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    const dossier = await tx.dossier.findUniqueOrThrow({ where: { code: record.code }, select: { id: true } });
    if (await tx.task.findFirst({ where: { dossierId: dossier.id, kind: 'CATALOGUE_FIX', status: 'OPEN' }, select: { id: true } })) return;
    const task = await tx.task.create({ data: { dossierId: dossier.id, kind: 'CATALOGUE_FIX', role: 'ADMIN', version: 1, payload: { problem: record.problem } } });
    await appendAudit(tx, { actor: record.actor, action: 'task.opened', entityType: 'Task', entityId: task.id, dossierCode: record.code, newValue: { kind: 'CATALOGUE_FIX', problem: record.problem } });
  });
}

/** The catalogue resolves again: the administrators' task closes. Idempotent. */
export async function closeCatalogueFixTask(deps: ActivityDeps, record: { code: string; actor: string }): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    const open = await tx.task.findMany({ where: { dossier: { code: record.code }, kind: 'CATALOGUE_FIX', status: 'OPEN' } });
    for (const task of open) {
      await tx.task.update({ where: { id: task.id }, data: { status: 'DONE', version: task.version + 1, completedAt: new Date() } });
      await appendAudit(tx, { actor: record.actor, action: 'task.done', entityType: 'Task', entityId: task.id, dossierCode: record.code, newValue: { kind: 'CATALOGUE_FIX' } });
    }
  });
}
