import { isoDateOf } from '../../db/dates';
import { DomainError, resolveConsultedDepartments, ruleSetById } from '../../domain';
import type { PrismaClient } from '../../generated/prisma/client';
import { todayInVietnam } from '../../infra/clock';
import type { AuthUser } from '../auth/middleware';
import { HttpProblem } from '../http/problem';

const refused = (detail: string) => new HttpProblem(403, 'Không có quyền (Forbidden)', detail, { reason: 'NotConsulted' });

/** Roles that work on every dossier and so read every dossier's documents. */
const ALWAYS_READ = new Set(['INTAKE_OFFICER', 'APPRAISER', 'COUNCIL_MEMBER', 'MANAGER', 'ADMIN']);

/**
 * Is the reviewer's department working on this dossier? Once the opinion tasks are open they say
 * which departments are consulted (any status: a department that answered still reads what it
 * answered on). Before they open, the departments the dossier's rule set will consult, each
 * resolved through the catalogue to its successor valid today, as the workflow will resolve them
 * (domain/departments). And the commune (district) PC whose officer holds a task of the dossier's
 * round (the call, the submission to DOIT) works on the round.
 */
async function departmentWorksOn(prisma: PrismaClient, departmentId: string, dossier: { id: string; roundId: string; ruleSetId: string }): Promise<boolean> {
  const tasks = await prisma.task.findMany({
    where: { OR: [{ dossierId: dossier.id, kind: 'DEPARTMENT_OPINION' }, { roundId: dossier.roundId, departmentId }] },
    select: { dossierId: true, departmentId: true },
  });
  if (tasks.some((task) => task.departmentId === departmentId)) return true;
  if (tasks.some((task) => task.dossierId === dossier.id)) return false;
  const ruleSet = ruleSetById(dossier.ruleSetId);
  if (!ruleSet) return false;
  const rows = await prisma.department.findMany({ select: { id: true, code: true, validFrom: true, validTo: true, successorCode: true } });
  const catalogue = rows.map((row) => ({ code: row.code, validFrom: isoDateOf(row.validFrom), validTo: row.validTo ? isoDateOf(row.validTo) : null, successorCode: row.successorCode }));
  const mine = rows.find((row) => row.id === departmentId)?.code;
  try {
    return resolveConsultedDepartments(catalogue, ruleSet.consultedDepartments, todayInVietnam()).some((d) => d.code === mine);
  } catch (error) {
    // A catalogue the workflow cannot resolve either: an administrator's task is open; until it is fixed, nobody is consulted yet.
    if (error instanceof DomainError) return false;
    throw error;
  }
}

/**
 * Who may read a dossier's documents: staff working on that dossier or its round. The roles that
 * work on every dossier read every one; a reviewer only when their department is consulted on it
 * (or holds a task of its round). Never the public lookup (it has no route here).
 */
export async function assertMayRead(prisma: PrismaClient, user: AuthUser, dossier: { id: string; code: string; roundId: string; ruleSetId: string }): Promise<void> {
  if (user.roles.some((role) => ALWAYS_READ.has(role))) return;
  if (user.roles.includes('REVIEWER') && user.departmentId) {
    if (await departmentWorksOn(prisma, user.departmentId, dossier)) return;
    throw refused(`Sở/ngành ${user.departmentCode ?? ''} không được hỏi ý kiến về hồ sơ ${dossier.code}, nên tài khoản ${user.username} không được xem tài liệu của hồ sơ này.`);
  }
  throw refused(`Tài khoản ${user.username} không có vai trò được xem tài liệu hồ sơ.`);
}
