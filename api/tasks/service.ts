import { loadWorkingDayCalendar } from '../../db/working-day-calendar';
import type { Prisma } from '../../generated/prisma/client';
import type { IsoDate } from '../../domain';
import type { AuthUser } from '../auth/middleware';
import type { ApiDeps } from '../deps';
import type { InboxItem } from './schemas';
import { isoDateOf } from '../../db/dates';
import { urgency } from './urgency';

/**
 * Which open tasks are a user's: assigned to them by name; or, unassigned, for one of their roles —
 * a reviewer only for their own department (tasks naming no department go to every reviewer).
 */
export function inboxFilter(user: AuthUser): Prisma.TaskWhereInput {
  const pools: Prisma.TaskWhereInput[] = [{ assigneeId: user.id }];
  const roles = user.roles.filter((role) => role !== 'REVIEWER');
  if (roles.length) pools.push({ assigneeId: null, role: { in: roles } });
  if (user.roles.includes('REVIEWER')) {
    pools.push({ assigneeId: null, role: 'REVIEWER', departmentId: null });
    if (user.departmentId) {
      pools.push({ assigneeId: null, role: 'REVIEWER', departmentId: user.departmentId });
      pools.push({ assigneeId: null, role: null, departmentId: user.departmentId });
    }
  }
  return { status: 'OPEN', OR: pools };
}

/** The user's open tasks, most urgent first (earliest due date; tasks without one last). */
export async function listInbox(deps: Pick<ApiDeps, 'prisma'>, user: AuthUser, today: IsoDate): Promise<InboxItem[]> {
  const [tasks, calendar] = await Promise.all([
    deps.prisma.task.findMany({
      where: inboxFilter(user),
      include: { dossier: { include: { cluster: true, round: { select: { code: true } } } }, round: { include: { cluster: true } }, department: true },
      orderBy: [{ dueOn: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }, { id: 'asc' }],
    }),
    loadWorkingDayCalendar(deps.prisma),
  ]);
  return tasks.map((task) => {
    const dueOn = task.dueOn ? isoDateOf(task.dueOn) : null;
    const flags = dueOn ? urgency(calendar, today, dueOn) : { workingDaysLeft: null, nearDue: false, overdue: false };
    return {
      taskId: task.id,
      kind: task.kind,
      ...(task.dossier
        ? {
            dossierCode: task.dossier.code,
            roundCode: task.dossier.round.code,
            projectTitle: task.dossier.projectTitle,
            clusterName: task.dossier.cluster.name,
            stage: task.dossier.stage,
            status: task.dossier.status,
          }
        : {
            dossierCode: null,
            roundCode: task.round?.code ?? null,
            projectTitle: `Đợt lựa chọn ${task.round?.code ?? ''}`,
            clusterName: task.round?.cluster.name ?? '',
            stage: task.round?.status ?? 'CALL_PENDING',
            status: 'ROUND' as const,
          }),
      role: task.role,
      departmentCode: task.department?.code ?? null,
      assignedToMe: task.assigneeId === user.id,
      dueOn,
      ...flags,
      version: task.version,
    };
  });
}
