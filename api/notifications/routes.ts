// 消息: a person's notifications as a list (read and unread, mark read) and as a live stream of
// Server-Sent Events (GET /me/events). The stream is authenticated like every request, by the
// Authorization header (never a token in the URL); a reconnect with Last-Event-ID gets what it
// missed, in order.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { STAFF_ROLES, type Principal } from '../../domain/access';
import type { ApiDeps } from '../deps';
import { authenticateOrCount, operation, recordRequest } from '../operation';
import { HttpProblem, sendProblem } from '../problem';
import { NotificationFeed } from './feed';
import { NOTIFICATION_VIEW, notificationsFor, notificationView } from './read-model';

export const notificationsQuery = z.strictObject({
  state: z.enum(['unread', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const notificationId = z.string().regex(/^[1-9][0-9]{0,17}$/, 'must be a notification id');

export const markReadBody = z.union([
  z.strictObject({ ids: z.array(notificationId).min(1).max(500) }),
  z.strictObject({ all: z.literal(true) }),
]);

/** How often a stream looks for notifications it was not woken for, and says it is alive. */
const LOOK_EVERY_MS = 5_000;
const KEEP_ALIVE_EVERY_MS = 15_000;
const BATCH = 100;

async function unreadCount(deps: ApiDeps, principal: Principal) {
  return deps.prisma.notification.count({
    where: { AND: [notificationsFor(principal), { reads: { none: { personId: principal.id } } }] },
  });
}

export function notificationRoutes(deps: ApiDeps, feed: NotificationFeed) {
  const router = Router();

  operation(
    router,
    deps,
    {
      id: 'notification.list',
      method: 'get',
      path: '/me/notifications',
      summary:
        'Your notifications, newest first (state=unread for the unread ones), and how many are unread',
      roles: STAFF_ROLES,
      query: notificationsQuery,
      success: { 200: '{ items, unread }' },
    },
    async ({ principal, query }) => {
      const mine = notificationsFor(principal);
      const [rows, unread] = await Promise.all([
        deps.prisma.notification.findMany({
          where:
            query.state === 'unread'
              ? { AND: [mine, { reads: { none: { personId: principal.id } } }] }
              : mine,
          include: { task: true, reads: { where: { personId: principal.id } } },
          orderBy: { id: 'desc' },
          take: query.limit,
        }),
        unreadCount(deps, principal),
      ]);
      return {
        body: { items: rows.map((row) => notificationView(row, row.reads.length > 0)), unread },
      };
    },
  );

  operation(
    router,
    deps,
    {
      id: 'notification.read',
      method: 'post',
      path: '/me/notifications/read',
      summary: 'Mark your notifications read: some by id, or all',
      roles: STAFF_ROLES,
      body: markReadBody,
      success: { 200: '{ unread }' },
    },
    async ({ principal, body }) => {
      const mine = notificationsFor(principal);
      const rows = await deps.prisma.notification.findMany({
        where: 'ids' in body ? { AND: [mine, { id: { in: body.ids.map(BigInt) } }] } : mine,
        select: { id: true },
      });
      await deps.prisma.notificationRead.createMany({
        data: rows.map((row) => ({ personId: principal.id, notificationId: row.id })),
        skipDuplicates: true,
      });
      return { body: { unread: await unreadCount(deps, principal) } };
    },
  );

  router.get('/me/events', (req, res) => void stream(deps, feed, req, res));
  return router;
}

/** Where a stream starts: after Last-Event-ID on a reconnect, else after the newest there is. */
async function startAfter(deps: ApiDeps, req: Request): Promise<bigint> {
  const given = req.get('last-event-id');
  if (given !== undefined) {
    const parsed = notificationId.safeParse(given);
    if (!parsed.success && given !== '0') {
      throw new HttpProblem(
        400,
        'Invalid Last-Event-ID',
        'Last-Event-ID must be the id of an event this stream sent.',
        [{ field: 'header.Last-Event-ID', rule: 'must be a notification id' }],
      );
    }
    return BigInt(given);
  }
  const newest = await deps.prisma.notification.aggregate({ _max: { id: true } });
  return newest._max.id ?? 0n;
}

async function stream(deps: ApiDeps, feed: NotificationFeed, req: Request, res: Response) {
  const at = Date.now();
  const principal = await authenticateOrCount(deps, req, res);
  if (!principal) return;
  const audit = (status: number) =>
    recordRequest(deps, req, res, {
      principal,
      actingRole: undefined,
      action: 'notification.stream',
      subject: undefined,
      status,
      at,
    });
  let after: bigint;
  try {
    if (!principal.roles.some((r) => STAFF_ROLES.includes(r))) {
      throw new HttpProblem(403, 'Forbidden', `GET /me/events is for ${STAFF_ROLES.join(', ')}.`);
    }
    after = await startAfter(deps, req);
    await audit(200);
  } catch (error) {
    const problem =
      error instanceof HttpProblem
        ? error
        : new HttpProblem(
            503,
            'Not available',
            `The stream could not start: ${(error as Error).message}`,
          );
    await audit(problem.status).catch(() => undefined);
    sendProblem(res, problem);
    return;
  }

  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 3000\n\n');

  const mine = notificationsFor(principal);
  let looking = false;
  let again = false;
  let closed = false;
  const look = async () => {
    if (looking) {
      again = true;
      return;
    }
    looking = true;
    try {
      do {
        again = false;
        const rows = await deps.prisma.notification.findMany({
          where: { AND: [mine, { id: { gt: after } }] },
          ...NOTIFICATION_VIEW,
          orderBy: { id: 'asc' },
          take: BATCH,
        });
        for (const row of rows) {
          if (closed) return;
          res.write(
            `id: ${row.id}\nevent: notification\ndata: ${JSON.stringify(notificationView(row, false))}\n\n`,
          );
          after = row.id;
        }
        if (rows.length === BATCH) again = true;
      } while (again && !closed);
    } catch (error) {
      (res.locals.log as { warn?: (obj: unknown, msg: string) => void } | undefined)?.warn?.(
        { err: error },
        'notification stream could not read',
      );
    } finally {
      looking = false;
    }
  };
  const unsubscribe = feed.subscribe({ wake: () => void look(), end: () => res.end() });
  const poll = setInterval(() => {
    feed.ensureListening();
    void look();
  }, LOOK_EVERY_MS);
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_EVERY_MS);
  const end = () => {
    if (closed) return;
    closed = true;
    clearInterval(poll);
    clearInterval(keepAlive);
    unsubscribe();
  };
  req.on('close', end);
  res.on('close', end);
  // What was missed before this connection (after Last-Event-ID) comes first.
  await look();
}
