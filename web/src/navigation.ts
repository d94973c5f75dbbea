/**
 * The application's pages and who may open them. The navigation shows a person only the pages of
 * their roles, and RequireRole refuses the others with a page that says why (the API refuses them
 * too: this is for the person, not the security boundary). Add a page here and in App.tsx.
 */
import type { Role } from './labels';

export interface NavItem {
  path: string;
  label: string;
  /** Roles that see it; empty = every signed-in person. */
  roles: readonly Role[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'Hộp việc', roles: [] },
  { path: '/ho-so', label: 'Hồ sơ', roles: ['INTAKE_OFFICER', 'APPRAISER', 'MANAGER', 'ADMIN'] },
  { path: '/ho-so/moi', label: 'Tiếp nhận hồ sơ', roles: ['INTAKE_OFFICER'] },
  { path: '/cum-cong-nghiep', label: 'Cụm đang theo dõi', roles: ['APPRAISER', 'MANAGER', 'ADMIN'] },
  { path: '/tong-quan', label: 'Tổng quan', roles: ['MANAGER', 'ADMIN'] },
  { path: '/quan-tri/nguoi-dung', label: 'Người dùng', roles: ['ADMIN'] },
  { path: '/quan-tri/lich', label: 'Lịch làm việc', roles: ['ADMIN'] },
];

export function canSee(roles: readonly Role[], allowed: readonly Role[]): boolean {
  return allowed.length === 0 || roles.some((role) => allowed.includes(role));
}

export function navFor(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => canSee(roles, item.roles));
}
