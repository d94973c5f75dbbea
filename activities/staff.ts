import type { ActivityDeps } from './deps';

/** E-mail addresses of active staff with a role (and department), for notifications. */
export async function staffRecipients(deps: ActivityDeps, query: { role: 'REVIEWER' | 'APPRAISER' | 'MANAGER' | 'INTAKE_OFFICER' | 'COUNCIL_MEMBER' | 'ADMIN'; departmentCode?: string }): Promise<string[]> {
  const users = await deps.prisma.user.findMany({
    where: {
      active: true,
      roles: { some: { role: query.role } },
      ...(query.departmentCode ? { department: { code: query.departmentCode } } : {}),
    },
    select: { email: true },
    orderBy: { username: 'asc' },
  });
  return users.map((u) => u.email);
}

/** Whether a username names an active user (checked before a score or decision is accepted). */
export async function userExists(deps: ActivityDeps, username: string): Promise<boolean> {
  return (await deps.prisma.user.count({ where: { username, active: true } })) > 0;
}


/**
 * The usernames of the council's voting members when scoring opens: active council members whose
 * standing seat is chair, vice-chair or member (the secretary does not vote). Their sheets close scoring.
 */
export async function votingCouncilMembers(deps: ActivityDeps): Promise<string[]> {
  const seats = await deps.prisma.councilMembership.findMany({
    where: { roundId: null, councilRole: { not: 'SECRETARY' }, user: { active: true, roles: { some: { role: 'COUNCIL_MEMBER' } } } },
    select: { user: { select: { username: true } } },
  });
  return [...new Set(seats.map((s) => s.user.username))].sort();
}
