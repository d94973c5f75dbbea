/**
 * Demo accounts for development and tests: one per role, one reviewer per seeded department and the
 * standing selection council, all with the same password (DEMO_PASSWORD, default "demo").
 * Never seeded in production, and the API refuses to start in production while one is active
 * (api/main.ts).
 */
import { hash } from '@node-rs/argon2';
import type { CouncilRole, PrismaClient, Role } from '../../generated/prisma/client';
import { SEED_DEPARTMENTS } from './reference-data';

export interface DemoAccount {
  username: string;
  fullName: string;
  roles: Role[];
  departmentCode: string | null;
  councilRole: CouncilRole | null;
}

const account = (
  username: string,
  fullName: string,
  roles: Role[],
  departmentCode: string | null = null,
  councilRole: CouncilRole | null = null,
): DemoAccount => ({ username, fullName, roles, departmentCode, councilRole });

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  account('admin', 'Quản trị hệ thống (demo)', ['ADMIN']),
  account('intake', 'Cán bộ tiếp nhận (demo)', ['INTAKE_OFFICER'], 'DOF'),
  account('appraiser', 'Cán bộ thẩm định Sở Công Thương (demo)', ['APPRAISER'], 'DOIT'),
  account('manager', 'Lãnh đạo UBND tỉnh (demo)', ['MANAGER']),
  ...SEED_DEPARTMENTS.map((d) => account(`reviewer.${d.code.toLowerCase()}`, `Cán bộ góp ý ${d.code} (demo)`, ['REVIEWER'], d.code)),
  account('chair', 'Chủ tịch hội đồng (demo)', ['COUNCIL_MEMBER'], null, 'CHAIR'),
  account('vicechair.doit', 'Phó chủ tịch hội đồng, Sở Công Thương (demo)', ['COUNCIL_MEMBER'], 'DOIT', 'VICE_CHAIR'),
  account('vicechair.dof', 'Phó chủ tịch hội đồng, Sở Tài chính (demo)', ['COUNCIL_MEMBER'], 'DOF', 'VICE_CHAIR'),
  account('member.doc', 'Uỷ viên hội đồng, Sở Xây dựng (demo)', ['COUNCIL_MEMBER'], 'DOC', 'MEMBER'),
  account('secretary', 'Thư ký hội đồng, Sở Công Thương (demo, không biểu quyết)', ['COUNCIL_MEMBER'], 'DOIT', 'SECRETARY'),
];

export const DEMO_USERNAMES: readonly string[] = DEMO_ACCOUNTS.map((a) => a.username);

const DEMO_EMAIL_DOMAIN = 'demo.ccn.invalid';

/**
 * Creates the demo accounts that are missing (an existing account is left as an administrator
 * edited it). The password is hashed once per run, and only when an account is missing.
 * Requires the reference data (departments). Returns the usernames created.
 */
export async function seedDemoAccounts(
  prisma: PrismaClient,
  password: string,
  nodeEnv: string = process.env.NODE_ENV ?? 'development',
): Promise<string[]> {
  if (nodeEnv === 'production') throw new Error('seedDemoAccounts: demo accounts are never seeded in production');
  const existing = new Set(
    (await prisma.user.findMany({ where: { username: { in: [...DEMO_USERNAMES] } }, select: { username: true } })).map((u) => u.username),
  );
  const missing = DEMO_ACCOUNTS.filter((a) => !existing.has(a.username));
  if (missing.length === 0) return [];

  const passwordHash = await hash(password);
  const departments = new Map((await prisma.department.findMany({ select: { id: true, code: true } })).map((d) => [d.code, d.id]));
  for (const demo of missing) {
    const departmentId = demo.departmentCode === null ? null : departments.get(demo.departmentCode);
    if (departmentId === undefined) throw new Error(`seedDemoAccounts: department ${demo.departmentCode} is not seeded (run seedReferenceData first)`);
    await prisma.user.create({
      data: {
        username: demo.username,
        passwordHash,
        fullName: demo.fullName,
        email: `${demo.username}@${DEMO_EMAIL_DOMAIN}`,
        departmentId,
        roles: { create: demo.roles.map((role) => ({ role })) },
        councilSeats: demo.councilRole ? { create: [{ councilRole: demo.councilRole }] } : undefined,
      },
    });
  }
  return missing.map((a) => a.username);
}

/** Usernames of demo accounts that are active: the API refuses to start in production while any is. */
export async function activeDemoAccounts(prisma: PrismaClient): Promise<string[]> {
  const users = await prisma.user.findMany({ where: { username: { in: [...DEMO_USERNAMES] }, active: true }, select: { username: true } });
  return users.map((u) => u.username).sort();
}
