import { appendAudit } from '../../db/audit';
import { Prisma, type CouncilRole, type Role } from '../../generated/prisma/client';
import { hashPassword } from '../auth/passwords';
import type { AuthUser } from '../auth/middleware';
import type { ApiDeps } from '../deps';
import { badRequest, conflict, notFound, unprocessable } from '../http/problem';
import type { CreateUserRequest, UpdateUserRequest, UserView } from './schemas';

/** Serialises account changes (pg_advisory_xact_lock key; any constant unique to this use). */
const USER_LOCK_KEY = 520_241_105;

const USER_INCLUDE = { roles: true, department: true, councilSeats: { where: { roundId: null } } } as const;
type LoadedUser = Prisma.UserGetPayload<{ include: typeof USER_INCLUDE }>;

function view(user: LoadedUser): UserView {
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    email: user.email,
    roles: user.roles.map((r) => r.role).sort(),
    departmentCode: user.department?.code ?? null,
    councilRole: user.councilSeats[0]?.councilRole ?? null,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** What the audit trail keeps of an account: no name, e-mail or password (personal data stays in the users table). */
const auditView = (u: UserView) => ({ username: u.username, roles: u.roles, departmentCode: u.departmentCode, councilRole: u.councilRole, active: u.active });

interface AccountShape {
  roles: Role[];
  departmentCode: string | null;
  councilRole: CouncilRole | null;
}

/** Rules between fields: a reviewer speaks for a department; a council seat needs the council role. */
function checkShape(shape: AccountShape): void {
  const errors = [];
  if (shape.roles.includes('REVIEWER') && !shape.departmentCode) {
    errors.push({ field: 'departmentCode', message: 'Cán bộ góp ý (REVIEWER) phải thuộc một sở, ngành' });
  }
  if (shape.councilRole && !shape.roles.includes('COUNCIL_MEMBER')) {
    errors.push({ field: 'councilRole', message: 'Ghế hội đồng cần vai trò COUNCIL_MEMBER' });
  }
  if (errors.length) throw badRequest(errors.map((e) => e.message).join('; ') + '.', errors);
}

async function departmentId(tx: Prisma.TransactionClient, code: string | null): Promise<string | null> {
  if (code === null) return null;
  const department = await tx.department.findUnique({ where: { code } });
  if (!department) {
    const known = await tx.department.findMany({ select: { code: true }, orderBy: { code: 'asc' } });
    throw unprocessable(`Không có sở, ngành mã ${code}.`, { knownDepartmentCodes: known.map((d) => d.code) });
  }
  return department.id;
}

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

export async function listUsers(deps: Pick<ApiDeps, 'prisma'>): Promise<UserView[]> {
  const users = await deps.prisma.user.findMany({ include: USER_INCLUDE, orderBy: { username: 'asc' } });
  return users.map(view);
}

export async function createUser(deps: Pick<ApiDeps, 'prisma'>, actor: AuthUser, request: CreateUserRequest): Promise<UserView> {
  const shape = { roles: request.roles, departmentCode: request.departmentCode ?? null, councilRole: request.councilRole ?? null };
  checkShape(shape);
  const passwordHash = await hashPassword(request.password);
  try {
    return await deps.prisma.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: {
          username: request.username,
          passwordHash,
          fullName: request.fullName,
          email: request.email,
          active: request.active ?? true,
          departmentId: await departmentId(tx, shape.departmentCode),
          roles: { create: shape.roles.map((role) => ({ role })) },
          councilSeats: shape.councilRole ? { create: [{ councilRole: shape.councilRole }] } : undefined,
        },
        include: USER_INCLUDE,
      });
      const result = view(created);
      await appendAudit(tx, { actor: actor.username, action: 'user.created', entityType: 'User', entityId: created.id, newValue: auditView(result) });
      return result;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Tên đăng nhập ${request.username} đã có người dùng.`);
    throw error;
  }
}

async function activeAdminsOtherThan(tx: Prisma.TransactionClient, id: string): Promise<number> {
  return tx.user.count({ where: { id: { not: id }, active: true, roles: { some: { role: 'ADMIN' } } } });
}

export async function updateUser(deps: Pick<ApiDeps, 'prisma'>, actor: AuthUser, id: string, request: UpdateUserRequest): Promise<UserView> {
  const passwordHash = request.password === undefined ? undefined : await hashPassword(request.password);
  return deps.prisma.$transaction(async (tx) => {
    // Serialises account changes, so two admins cannot both remove the last other admin.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${USER_LOCK_KEY}::bigint)`;
    const existing = await tx.user.findUnique({ where: { id }, include: USER_INCLUDE });
    if (!existing) throw notFound(`Không có người dùng id ${id}.`);
    const before = view(existing);
    const after: AccountShape & { active: boolean } = {
      roles: request.roles ?? before.roles,
      departmentCode: request.departmentCode === undefined ? before.departmentCode : request.departmentCode,
      councilRole: request.councilRole === undefined ? before.councilRole : request.councilRole,
      active: request.active ?? before.active,
    };
    checkShape(after);
    const stillAdmin = after.active && after.roles.includes('ADMIN');
    if (before.active && before.roles.includes('ADMIN') && !stillAdmin && (await activeAdminsOtherThan(tx, id)) === 0) {
      throw conflict('Không thể khoá hoặc bỏ vai trò ADMIN của quản trị viên cuối cùng đang hoạt động (last active administrator).');
    }
    await tx.user.update({
      where: { id },
      data: {
        fullName: request.fullName,
        email: request.email,
        passwordHash,
        active: request.active,
        ...(request.departmentCode !== undefined ? { departmentId: await departmentId(tx, request.departmentCode) } : {}),
      },
    });
    if (request.roles) {
      await tx.userRole.deleteMany({ where: { userId: id } });
      await tx.userRole.createMany({ data: request.roles.map((role) => ({ userId: id, role })) });
    }
    if (request.councilRole !== undefined && request.councilRole !== before.councilRole) {
      await tx.councilMembership.deleteMany({ where: { userId: id, roundId: null } });
      if (request.councilRole) await tx.councilMembership.create({ data: { userId: id, councilRole: request.councilRole } });
    }
    const result = view(await tx.user.findUniqueOrThrow({ where: { id }, include: USER_INCLUDE }));
    await appendAudit(tx, {
      actor: actor.username,
      action: 'user.updated',
      entityType: 'User',
      entityId: id,
      oldValue: auditView(before),
      newValue: {
        ...auditView(result),
        ...(request.password !== undefined ? { passwordChanged: true } : {}),
        ...(request.fullName !== undefined || request.email !== undefined ? { contactChanged: true } : {}),
      },
    });
    return result;
  });
}
