/**
 * Who is signed in: the session (token) and the person (GET /api/auth/me, cached by react-query).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, call } from '../api/client';
import { clearSession, onSessionChange, readSession, type Session } from '../api/session';
import type { components } from '../api/openapi';

export type CurrentUser = components['schemas']['AuthUser'];

export const ME_QUERY_KEY = ['auth', 'me'] as const;

export function useSession(): Session | null {
  const [session, setSession] = useState(readSession);
  useEffect(() => onSessionChange(setSession), []);
  return session;
}

export function useCurrentUser() {
  const session = useSession();
  return useQuery({
    queryKey: [...ME_QUERY_KEY, session?.token],
    queryFn: () => call(api.GET('/api/auth/me')),
    enabled: session !== null,
    staleTime: 5 * 60_000,
  });
}

/** Signs out: forgets the token and every cached answer, so the next person sees nothing of this one's. */
export function useSignOut(): () => void {
  const queryClient = useQueryClient();
  return () => {
    clearSession();
    queryClient.clear();
  };
}
