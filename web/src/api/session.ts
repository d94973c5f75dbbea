/**
 * The signed-in person's token, kept in localStorage so a reload or a second tab stays signed in
 * for the token's 8 hours. Expiry is checked here before each request and by the server (401):
 * either way the person is sent to sign in with the page they were on (`?next=`), and back there
 * afterwards.
 */
const STORAGE_KEY = 'ccn.session';

export interface Session {
  token: string;
  expiresAt: string;
}

type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

export function readSession(now: number = Date.now()): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (typeof session.token !== 'string' || Date.parse(session.expiresAt) <= now) return null;
    return session;
  } catch {
    return null;
  }
}

/** Whether this browser holds a session that has run out (then sign-in says so). */
export function hasExpiredSession(now: number = Date.now()): boolean {
  return localStorage.getItem(STORAGE_KEY) !== null && readSession(now) === null;
}

export function saveSession(session: Session): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  for (const listener of listeners) listener(session);
}

export function clearSession(): void {
  localStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener(null);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const SIGN_IN_PATH = '/dang-nhap';

/** Where the sign-in page sends the person back to: only a path of this application, never another site. */
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith(SIGN_IN_PATH) ? next : '/';
}

/** The sign-in page's address that returns to the current page afterwards. */
export function signInUrl(reason?: 'expired'): string {
  const here = window.location.pathname + window.location.search + window.location.hash;
  const params = new URLSearchParams({ next: safeNext(here) });
  if (reason) params.set('ly-do', reason);
  return `${SIGN_IN_PATH}?${params.toString()}`;
}
