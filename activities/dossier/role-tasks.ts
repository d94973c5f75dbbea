import { dbDate } from '../../db/dates';
import type { Deadline } from '../../domain';
import type { Prisma } from '../../generated/prisma/client';
import type { DossierStage, DossierStatus } from '../../workflows/dossier/api';

export const json = (value: unknown) => value as Prisma.InputJsonValue;

type TaskKind = 'COMPLETENESS_CHECK' | 'SUPPLEMENT_REVIEW' | 'ELIGIBILITY_SCREENING' | 'COUNCIL_SCORING';
type StaffRole = 'INTAKE_OFFICER' | 'APPRAISER' | 'COUNCIL_MEMBER';
export interface RoleTask {
  kind: TaskKind;
  role: StaffRole;
  deadline?: 'appraisal';
}

/**
 * The role tasks (inbox items, GET /api/tasks) open while a dossier is at a stage: who must act
 * next, due by the appraisal clock. Department opinions are their own tasks; the report and the
 * decision are the round's.
 */
export function roleTasksAt(stage: DossierStage, status: DossierStatus, action: string): RoleTask[] {
  if (status !== 'ACTIVE') return [];
  switch (stage) {
    case 'COMPLETENESS_CHECK':
      return [{ kind: action === 'dossier.supplement-received' ? 'SUPPLEMENT_REVIEW' : 'COMPLETENESS_CHECK', role: 'INTAKE_OFFICER', deadline: 'appraisal' }];
    case 'SCREENING':
      return [{ kind: 'ELIGIBILITY_SCREENING', role: 'APPRAISER', deadline: 'appraisal' }];
    case 'SCORING':
      return [{ kind: 'COUNCIL_SCORING', role: 'COUNCIL_MEMBER', deadline: 'appraisal' }];
    default:
      return [];
  }
}

/**
 * Closes the dossier's open role tasks (DONE, or CANCELLED) and opens those of its new stage. No
 * audit records of their own: the dossier transition that moves them is the audited event.
 */
export async function moveRoleTasks(tx: Prisma.TransactionClient, dossierId: string, next: RoleTask[], deadlines: Record<string, Deadline>, closeAs: 'DONE' | 'CANCELLED'): Promise<void> {
  await tx.task.updateMany({
    where: { dossierId, status: 'OPEN', kind: { notIn: ['DEPARTMENT_OPINION', 'CATALOGUE_FIX'] } },
    data: { status: closeAs, version: { increment: 1 }, completedAt: new Date() },
  });
  for (const task of next) {
    const due = task.deadline ? deadlines[task.deadline]?.due : undefined;
    await tx.task.create({
      data: { dossierId, kind: task.kind, role: task.role, dueOn: due ? dbDate(due) : null, version: 1, payload: json({ deadline: task.deadline ?? null }) },
    });
  }
}

export async function userIdByUsername(tx: Prisma.TransactionClient, username: string): Promise<string | null> {
  const user = await tx.user.findUnique({ where: { username }, select: { id: true } });
  return user?.id ?? null;
}
