import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { hasExpiredSession, safeNext, SIGN_IN_PATH } from '../api/session';
import { PageLoader } from '../components/PageLoader';
import { ProblemAlert } from '../components/ProblemAlert';
import { ForbiddenPage } from '../pages/ForbiddenPage';
import type { Role } from '../labels';
import { canSee } from '../navigation';
import { useCurrentUser, useSession, type CurrentUser } from './session-hooks';

/**
 * A page for signed-in staff. Without a session it sends to sign-in with this page as `next`; with
 * `roles`, a person without one of them gets the forbidden page instead of the content.
 */
export function RequireAuth({ roles = [], children }: { roles?: readonly Role[]; children: (user: CurrentUser) => ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const me = useCurrentUser();
  if (!session) {
    const params = new URLSearchParams({ next: safeNext(location.pathname + location.search + location.hash) });
    if (hasExpiredSession()) params.set('ly-do', 'expired');
    return <Navigate to={`${SIGN_IN_PATH}?${params.toString()}`} replace />;
  }
  if (me.isPending) {
    return <PageLoader />;
  }
  if (me.isError) return <ProblemAlert error={me.error} />;
  if (!canSee(me.data.roles, roles)) return <ForbiddenPage roles={roles} />;
  return <>{children(me.data)}</>;
}
