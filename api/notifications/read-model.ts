// Which notifications a person receives: those for a role they hold over a task in their work's
// scope (workForRoles), the same people whose My work or inbox shows that task.
import type { Principal } from '../../domain/access';
import { NOTIFICATION_KINDS, TASK_OWNER, type NotificationKind } from '../../domain/notifications';
import type { Prisma as Db } from '../../generated/prisma/client';
import type { Notification, Task } from '../../generated/prisma/client';
import type { SubjectType } from '../../domain/steps';
import { subjectLink, taskPolicy } from '../read-model/tasks';
import { workForRoles } from '../scope';

export function notificationsFor(principal: Principal): Db.NotificationWhereInput {
  return {
    OR: workForRoles(principal).flatMap((work) => [
      { role: work.role, task: work.task },
      { role: TASK_OWNER, task: { AND: [{ ownerRole: work.role }, work.task] } },
    ]),
  };
}

export const NOTIFICATION_VIEW = { include: { task: true } } as const;

// The workbench has no page of an information request or a matter yet: their notifications open
// the home page.
const pagePath = (type: string, id: string) =>
  type === 'CASE' ? `/case/${id}` : type === 'ALARM' ? `/alarm/${id}` : '/';

export function notificationView(row: Notification & { task: Task }, read: boolean) {
  return {
    id: row.id.toString(),
    kind: {
      code: row.kind,
      label: NOTIFICATION_KINDS[row.kind as NotificationKind] ?? row.kind,
    },
    title: row.title,
    task: { id: row.taskId, policy: taskPolicy(row.task), dueAt: row.task.dueAt.toISOString() },
    subject: { type: row.subjectType, id: row.subjectId },
    createdAt: row.createdAt.toISOString(),
    read,
    links: {
      subject: subjectLink({ type: row.subjectType as SubjectType, id: row.subjectId }),
      page: pagePath(row.subjectType, row.subjectId),
    },
  };
}
