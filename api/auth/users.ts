import type { CouncilRole, PrismaClient, Role } from '../../generated/prisma/client';

/** The person behind a request, as routes and services see them. */
export interface AuthUser {
  id: string;
  username: string;
  fullName: string;
  roles: Role[];
  departmentId: string | null;
  departmentCode: string | null;
  /** Seat in the standing selection council (CouncilMembership with roundId null), if any. */
  councilRole: CouncilRole | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const COUNCIL_ORDER: CouncilRole[] = ['CHAIR', 'VICE_CHAIR', 'MEMBER', 'SECRETARY'];

/** The active user with this id, or null (unknown, malformed id, or deactivated). */
export async function loadActiveUser(prisma: PrismaClient, id: string): Promise<AuthUser | null> {
  if (!UUID.test(id)) return null;
  const user = await prisma.user.findUnique({
    where: { id },
    include: { roles: true, department: true, councilSeats: { where: { roundId: null } } },
  });
  if (!user || !user.active) return null;
  const seats = user.councilSeats.map((seat) => seat.councilRole).sort((a, b) => COUNCIL_ORDER.indexOf(a) - COUNCIL_ORDER.indexOf(b));
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    roles: user.roles.map((r) => r.role).sort(),
    departmentId: user.departmentId,
    departmentCode: user.department?.code ?? null,
    councilRole: seats[0] ?? null,
  };
}
