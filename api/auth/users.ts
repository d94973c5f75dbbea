import { changeWatch } from '../../db/change-notifications';
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

/** Accounts this process read while it listened for account changes, with the epoch they were read at. */
const signedInCache = new Map<string, { epoch: number; user: AuthUser }>();
/** A bound on the cache (a province has hundreds of staff; a national deployment some tens of thousands). */
const SIGNED_IN_CACHE_LIMIT = 20_000;

/**
 * The active user with this id, or null (unknown, malformed id, or deactivated). Every staff request
 * runs it, so while this process listens for account changes (db/change-notifications.ts: users,
 * roles, standing seats and departments, by any writer) a user read once is kept until the next
 * change is notified, and a request reads nothing; otherwise it is one indexed query. A deactivation
 * is therefore refused from the moment its notification arrives (milliseconds after the commit).
 */
export async function loadActiveUser(prisma: PrismaClient, id: string): Promise<AuthUser | null> {
  if (!UUID.test(id)) return null;
  // Read before the query: a change notified while it runs leaves what it read already void.
  const epoch = changeWatch()?.epoch('accounts_changed') ?? null;
  const cached = signedInCache.get(id);
  if (epoch !== null && cached?.epoch === epoch) return cached.user;
  const user = await readActiveUser(prisma, id);
  if (epoch === null || !user) {
    signedInCache.delete(id);
    return user;
  }
  if (signedInCache.size >= SIGNED_IN_CACHE_LIMIT) signedInCache.clear();
  signedInCache.set(id, { epoch, user });
  return user;
}

/** One indexed query (primary key; roles, department and standing seat joined). */
async function readActiveUser(prisma: PrismaClient, id: string): Promise<AuthUser | null> {
  const [user] = await prisma.$queryRaw<
    { id: string; username: string; fullName: string; departmentId: string | null; departmentCode: string | null; roles: Role[]; seats: CouncilRole[] }[]
  >`
    SELECT u.id, u.username, u.full_name AS "fullName", u.department_id AS "departmentId", dep.code AS "departmentCode",
           ARRAY(SELECT r.role::text FROM user_roles r WHERE r.user_id = u.id) AS roles,
           ARRAY(SELECT s.council_role::text FROM council_memberships s WHERE s.user_id = u.id AND s.round_id IS NULL) AS seats
    FROM users u LEFT JOIN departments dep ON dep.id = u.department_id
    WHERE u.id = ${id}::uuid AND u.active`;
  if (!user) return null;
  const seats = [...user.seats].sort((a, b) => COUNCIL_ORDER.indexOf(a) - COUNCIL_ORDER.indexOf(b));
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    roles: [...user.roles].sort(),
    departmentId: user.departmentId,
    departmentCode: user.departmentCode,
    councilRole: seats[0] ?? null,
  };
}
