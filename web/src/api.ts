// The API's typed client: paths, parameters and bodies come from the OpenAPI document
// (generated/openapi-types.ts), so a changed API fails the build instead of the page.
import createClient from 'openapi-fetch';
import type { paths } from '../../generated/openapi-types';
import { clearSession, currentSession } from './session';
import type { PostBody } from './step-forms';

export const api = createClient<paths>({ baseUrl: window.location.origin });

api.use({
  onRequest({ request }) {
    const session = currentSession();
    if (session) request.headers.set('Authorization', `Bearer ${session.token}`);
    request.headers.set('Accept', 'application/json');
    return request;
  },
  onResponse({ response }) {
    // An expired or refused token: back to sign-in, then back here.
    if (response.status === 401 && currentSession()) {
      clearSession();
      const back = encodeURIComponent(window.location.pathname + window.location.search);
      window.location.assign(`/login?expired=1&next=${back}`);
    }
    return response;
  },
});

interface Problem {
  title?: string;
  detail?: string;
}

/** What a refusal says, for a person to read. */
export function problemText(error: unknown): string {
  const problem = error as Problem | undefined;
  return problem?.detail ?? problem?.title ?? '请求失败，请稍后重试';
}

/** The answer's body, or an Error carrying the problem's words. */
export async function answer<T>(
  call: Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) throw new Error(problemText(error));
  return data as T;
}

/**
 * Records a step on a subject (POST <path> with the subject's id): the body typed by its route
 * (step-forms.ts, PostBody); the refusal's words thrown as an Error.
 */
export async function postStep<P extends keyof paths>(
  path: P,
  id: string,
  body: PostBody<P>,
): Promise<void> {
  const post = api.POST as unknown as (
    path: string,
    init: { params: { path: { id: string } }; body?: unknown },
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  await answer(post(path, { params: { path: { id } }, ...(body === undefined ? {} : { body }) }));
}
