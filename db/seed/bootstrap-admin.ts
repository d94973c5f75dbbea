import { hash } from '@node-rs/argon2';
import type { PrismaClient } from '../../generated/prisma/client';
import { appendAudit } from '../audit';
import { DEMO_USERNAMES } from './demo-accounts';

export interface BootstrapAdministrator {
  username: string;
  password: string;
  email: string;
}

/**
 * The first administrator of a production installation, where no demo account may exist: created
 * only while no active administrator exists, so a later run never resets anyone's password.
 * Returns whether an account was created.
 */
export async function bootstrapAdministrator(prisma: PrismaClient, admin: BootstrapAdministrator): Promise<boolean> {
  if (DEMO_USERNAMES.includes(admin.username)) {
    throw new Error(`Tên đăng nhập ${admin.username} là tài khoản demo; chọn tên khác cho quản trị viên đầu tiên.`);
  }
  if (admin.password.length < 12) throw new Error('Mật khẩu quản trị viên đầu tiên cần ít nhất 12 ký tự.');
  const activeAdmins = await prisma.user.count({ where: { active: true, roles: { some: { role: 'ADMIN' } } } });
  if (activeAdmins > 0) return false;
  const passwordHash = await hash(admin.password);
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { username: admin.username, passwordHash, fullName: 'Quản trị hệ thống', email: admin.email, roles: { create: [{ role: 'ADMIN' }] } },
    });
    await appendAudit(tx, { actor: 'system', action: 'user.bootstrapped', entityType: 'User', entityId: user.id, newValue: { username: user.username, roles: ['ADMIN'] } });
  });
  return true;
}
