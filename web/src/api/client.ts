/**
 * The one HTTP client of the application: openapi-fetch over the types generated from the API's
 * OpenAPI document (openapi.ts, `npm run web:api-types`), so a path, a parameter or a body that the
 * API does not have is a type error. It adds the token, and on a 401 (token expired, account
 * locked) clears the session and sends the person to sign in, then back to the page they were on.
 *
 *   const inbox = await call(api.GET('/api/tasks'));            // throws ApiProblem on a refusal
 *   const dossier = await call(api.GET('/api/dossiers/{code}', { params: { path: { code } } }));
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './openapi';
import { ApiProblem, problemOf, type Problem } from './problem';
import { clearSession, readSession, SIGN_IN_PATH, signInUrl } from './session';

const auth: Middleware = {
  onRequest({ request }) {
    const session = readSession();
    if (session) request.headers.set('Authorization', `Bearer ${session.token}`);
    return request;
  },
  onResponse({ request, response }) {
    // A failed sign-in is the sign-in page's own business; any other 401 means the session is over.
    if (response.status === 401 && !new URL(request.url).pathname.endsWith('/api/auth/login')) {
      clearSession();
      if (!window.location.pathname.startsWith(SIGN_IN_PATH)) window.location.assign(signInUrl('expired'));
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer; an ApiProblem for a refusal, a failure or no connection. */
export async function call<T>(request: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await request;
  } catch (error) {
    throw new ApiProblem(problemOf(error));
  }
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiProblem(problemOf(result.error, result.response.status));
  }
  return result.data as T;
}

/** A fresh Idempotency-Key for one action a person takes (kept across the quiet retries of that action). */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}

export type { Problem };
