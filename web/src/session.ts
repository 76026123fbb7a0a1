// Who is signed in: the bearer token and the person it names, for this browser tab only.
import type { PersonView } from '../../api/views';

export interface Labelled {
  code: string;
  label: string;
}

/** A person of the directory, as sign-in and the directory's lists show them. */
export type Person = PersonView;

export interface Session {
  token: string;
  expiresAt: string;
  person: Person;
}

const KEY = 'workbench.session';

/** The session, unless there is none or its token has expired. */
export function currentSession(): Session | undefined {
  const text = sessionStorage.getItem(KEY);
  if (!text) return undefined;
  const session = JSON.parse(text) as Session;
  if (Date.parse(session.expiresAt) <= Date.now()) {
    sessionStorage.removeItem(KEY);
    return undefined;
  }
  return session;
}

export const saveSession = (session: Session) =>
  sessionStorage.setItem(KEY, JSON.stringify(session));

export const clearSession = () => sessionStorage.removeItem(KEY);

export const hasRole = (session: Session | undefined, ...codes: string[]) =>
  session?.person.roles.some((r) => codes.includes(r.code)) ?? false;
