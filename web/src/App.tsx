/**
 * Every address of the application. Staff pages sit inside RequireAuth (sign-in) and AppLayout
 * (header, navigation); a page that only some roles open is wrapped by `guarded`, which takes its
 * roles from navigation.ts so the menu and the check never disagree. The public lookup and sign-in
 * stand alone. Large pages load on demand (`lazy`), so the first load stays small on an old PC.
 */
import type { ComponentType, ReactNode } from 'react';
import { createBrowserRouter, Outlet, type RouteObject } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { AppLayout } from './components/AppLayout';
import { NAV_ITEMS } from './navigation';
import { InboxPage } from './pages/InboxPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SignInPage } from './pages/SignInPage';

/** A staff page under `path`, refused (ForbiddenPage) to roles its navigation entry does not list. */
function guarded(path: string, element: ReactNode, navPath = path): RouteObject {
  const roles = NAV_ITEMS.find((item) => item.path === navPath)?.roles ?? [];
  return { path, element: <RequireAuth roles={roles}>{() => element}</RequireAuth> };
}

/** A guarded page loaded on demand (charts, admin forms): the first load of an old PC stays small. */
function guardedLazy(path: string, load: () => Promise<ComponentType>): RouteObject {
  return { path, element: guarded(path, <Outlet />).element, children: [{ index: true, lazy: async () => ({ Component: await load() }) }] };
}

/** A page for any signed-in staff member, outside the application frame. */
function signedIn(Page: ComponentType): ComponentType {
  return function SignedIn() {
    return <RequireAuth>{() => <Page />}</RequireAuth>;
  };
}

export const router = createBrowserRouter([
  { path: '/dang-nhap', element: <SignInPage /> },
  {
    path: '/tra-cuu/:code?',
    lazy: async () => ({ Component: (await import('./pages/PublicLookupPage')).PublicLookupPage }),
  },
  // Print views: signed-in staff, no application frame around the sheet.
  {
    path: '/in/phieu-tiep-nhan/:code',
    lazy: async () => ({ Component: signedIn((await import('./pages/print/ReceiptPage')).ReceiptPage) }),
  },
  {
    path: '/in/phieu-xin-loi/:code',
    lazy: async () => ({ Component: signedIn((await import('./pages/print/ApologyPage')).ApologyPage) }),
  },
  {
    element: <RequireAuth>{(user) => <AppLayout user={user} />}</RequireAuth>,
    children: [
      { index: true, element: <InboxPage /> },
      guardedLazy('/ho-so', async () => (await import('./pages/DossierListPage')).DossierListPage),
      guardedLazy('/ho-so/moi', async () => (await import('./pages/NewLetterPage')).NewLetterPage),
      // A dossier or a round is open to every signed-in role: the API says what each may see and do.
      { path: '/ho-so/:code', lazy: async () => ({ Component: (await import('./pages/DossierPage')).DossierPage }) },
      { path: '/dot/:code', lazy: async () => ({ Component: (await import('./pages/RoundPage')).RoundPage }) },
      guardedLazy('/cum-cong-nghiep', async () => (await import('./pages/ClusterListPage')).ClusterListPage),
      // A monitored cluster, like a dossier, is open to every staff role: its actions follow the roles.
      { path: '/cum-cong-nghiep/:code', lazy: async () => ({ Component: (await import('./pages/ClusterPage')).ClusterPage }) },
      guardedLazy('/tong-quan', async () => (await import('./pages/DashboardPage')).DashboardPage),
      guardedLazy('/quan-tri/nguoi-dung', async () => (await import('./pages/UsersPage')).UsersPage),
      guardedLazy('/quan-tri/lich', async () => (await import('./pages/CalendarPage')).CalendarPage),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
