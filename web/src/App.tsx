/**
 * Every address of the application. Staff pages sit inside RequireAuth (sign-in, then the role
 * check) and AppLayout (header, navigation); the public lookup and sign-in stand alone. A page that
 * only some roles open passes `roles` (the same list as its entry in navigation.ts). Large pages
 * load on demand (`lazy`), so the first load stays small on an old PC.
 */
import { createBrowserRouter } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { AppLayout } from './components/AppLayout';
import { InboxPage } from './pages/InboxPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SignInPage } from './pages/SignInPage';

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
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
