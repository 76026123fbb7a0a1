// Where the app shows what a task, an escalation or a notification is about. The API names a
// subject by its own address (api/read-model/tasks.ts, SUBJECT_PATHS: /cases/ID, /alarms/ID,
// /info-requests/ID, /litigation/ID); the app's pages have paths of their own, so that the dev
// server can send the API's paths to the API (web/vite.config.ts).
import type { SubjectType } from '../../domain/steps';

/** Each kind of subject: its API collection, and the app's page of one (`<page>/ID`). */
export const SUBJECT_PAGES: Record<SubjectType, { api: string; page: string }> = {
  CASE: { api: '/cases', page: '/case' },
  ALARM: { api: '/alarms', page: '/alarm' },
  INFO_REQUEST: { api: '/info-requests', page: '/info-request' },
  LITIGATION: { api: '/litigation', page: '/matter' },
};

/** The app's page of a subject the API names (`/litigation/lit-…` → `/matter/lit-…`); else as given. */
export function subjectPage(apiLink: string): string {
  for (const { api, page } of Object.values(SUBJECT_PAGES)) {
    if (apiLink.startsWith(`${api}/`)) return `${page}/${apiLink.slice(api.length + 1)}`;
  }
  return apiLink;
}

/** The subject's id, as a list shows it in its link. */
export const subjectId = (apiLink: string) => apiLink.slice(apiLink.lastIndexOf('/') + 1);
