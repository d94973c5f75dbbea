import { isoDateOf } from '../db/dates';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError, resolveConsultedDepartments, type IsoDate, type ResolvedDepartment } from '../domain';
import type { ActivityDeps } from './deps';


/**
 * The departments a dossier consults when its opinion tasks open on `on`: the rule set's codes,
 * each resolved through the catalogue's successors to the department valid that day (DPI → DOF, …),
 * deduplicated (domain/departments/successors.ts). A code that cannot be resolved is a
 * non-retryable UnresolvableDepartment failure naming it: an administrator must fix the catalogue.
 */
export async function consultedDepartmentsOn(deps: ActivityDeps, request: { codes: string[]; on: IsoDate }): Promise<ResolvedDepartment[]> {
  const rows = await deps.prisma.department.findMany({ select: { code: true, validFrom: true, validTo: true, successorCode: true } });
  const catalogue = rows.map((row) => ({
    code: row.code,
    validFrom: isoDateOf(row.validFrom),
    validTo: row.validTo ? isoDateOf(row.validTo) : null,
    successorCode: row.successorCode,
  }));
  try {
    return resolveConsultedDepartments(catalogue, request.codes, request.on);
  } catch (error) {
    if (error instanceof DomainError) throw ApplicationFailure.nonRetryable(error.message, 'UnresolvableDepartment');
    throw error;
  }
}
