/**
 * Every address of the application. Staff pages sit inside RequireAuth (sign-in) and AppLayout
 * (header, navigation); a page that only some roles open is wrapped by `guarded`, which takes its
 * roles from navigation.ts so the menu and the check never disagree. The public lookup and sign-in
 * stand alone. Large pages load on demand (`lazy`), so the first load stays small on an old PC.
 */
import type { ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { AppLayout } from './components/AppLayout';
import { NAV_ITEMS } from './navigation';
import { ComingSoonPage } from './pages/ComingSoonPage';
import { InboxPage } from './pages/InboxPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SignInPage } from './pages/SignInPage';

/** A staff page under `path`, refused (ForbiddenPage) to roles its navigation entry does not list. */
function guarded(path: string, element: ReactNode, navPath = path): RouteObject {
  const roles = NAV_ITEMS.find((item) => item.path === navPath)?.roles ?? [];
  return { path, element: <RequireAuth roles={roles}>{() => element}</RequireAuth> };
}

export const router = createBrowserRouter([
  { path: '/dang-nhap', element: <SignInPage /> },
  {
    path: '/tra-cuu/:code?',
    lazy: async () => ({ Component: (await import('./pages/PublicLookupPage')).PublicLookupPage }),
  },
  {
    element: <RequireAuth>{(user) => <AppLayout user={user} />}</RequireAuth>,
    children: [
      { index: true, element: <InboxPage /> },
      guarded('/ho-so', <ComingSoonPage title="Hồ sơ" />),
      guarded('/tong-quan', <ComingSoonPage title="Tổng quan" />),
      guarded('/quan-tri/nguoi-dung', <ComingSoonPage title="Người dùng" />),
      guarded('/quan-tri/lich', <ComingSoonPage title="Lịch làm việc" />),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
