// What the API's reads answer, as TypeScript types the workbench checks its pages against: each is
// the return type of the view function the route answers with, as JSON carries it (instants as
// text). The workbench's requests are typed from the OpenAPI document; its reads from here, so a
// changed view breaks `npm run typecheck` instead of a page. Types only: nothing of the server
// reaches the browser's bundle.
import type { alarmView } from './alarms/read-model';
import type { caseView } from './cases/read-model';
import type { timelineEventView } from './cases/routes';
import type { dashboardView } from './dashboard/routes';
import type { infoRequestView } from './info-requests/read-model';
import type { matterListItem, matterView } from './litigation/read-model';
import type { organisationView, personView, unitView } from './directory/read-model';
import type { queueItemView } from './fast-track/routes';
import type { notificationView } from './notifications/read-model';
import type { publicView } from './public/routes';
import type { inboxItemView, workItemView } from './work/routes';

/** A value as JSON.parse gives it back: Dates become ISO text. */
export type AsJson<T> = T extends Date
  ? string
  : T extends Array<infer Item>
    ? Array<AsJson<Item>>
    : T extends object
      ? { [K in keyof T]: AsJson<T[K]> }
      : T;

type View<F extends (...args: never[]) => unknown> = AsJson<ReturnType<F>>;

export type CaseView = View<typeof caseView>;
export type InfoRequestView = View<typeof infoRequestView>;
export type MatterView = View<typeof matterView>;
export type MatterListItem = View<typeof matterListItem>;
export type TimelineEvent = View<typeof timelineEventView>;
export type AlarmView = View<typeof alarmView>;
export type WorkItem = View<typeof workItemView>;
export type InboxItem = View<typeof inboxItemView>;
export type QueueItem = View<typeof queueItemView>;
export type DashboardView = View<typeof dashboardView>;
export type NotificationView = View<typeof notificationView>;
export type PublicCaseView = View<typeof publicView>;
export type PersonView = View<typeof personView>;
export type UnitView = View<typeof unitView>;
export type OrganisationView = View<typeof organisationView>;
