import type { PrismaClient } from '../../generated/prisma/client';
import type { AuthUser } from '../auth/middleware';
import { forbidden } from '../http/problem';

/** Roles that work on every dossier and so read every dossier's documents. */
const ALWAYS_READ = new Set(['INTAKE_OFFICER', 'APPRAISER', 'COUNCIL_MEMBER', 'MANAGER', 'ADMIN']);

/**
 * Who may read a dossier's documents: the roles that work on every dossier, and a reviewer only
 * when their department is consulted on this dossier (it has an opinion task on it, open or done).
 */
export async function assertMayRead(prisma: PrismaClient, user: AuthUser, dossier: { id: string; code: string }): Promise<void> {
  if (user.roles.some((role) => ALWAYS_READ.has(role))) return;
  if (user.roles.includes('REVIEWER') && user.departmentId) {
    const consulted = await prisma.task.count({ where: { dossierId: dossier.id, kind: 'DEPARTMENT_OPINION', departmentId: user.departmentId } });
    if (consulted > 0) return;
    throw forbidden(`Sở/ngành ${user.departmentCode ?? ''} không được hỏi ý kiến về hồ sơ ${dossier.code}, nên tài khoản ${user.username} không được xem tài liệu của hồ sơ này.`);
  }
  throw forbidden(`Tài khoản ${user.username} không có vai trò được xem tài liệu hồ sơ.`);
}
