// The worker's sign of life in PostgreSQL, for /readyz. Temporal lists a worker's pollers for
// 60-90 s after the worker died; a row the worker rewrites every few seconds goes stale at once.
// Both the beat and its age are measured on the database's clock, so hosts need not agree.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Pool } from 'pg';
import type { Prisma } from './database';
import type { Logger } from './logging';

/** Rows of workers killed long ago are removed when a worker starts. */
const FORGET_AFTER = '1 day';

export interface Heartbeat {
  workerId: string;
  /** Stops beating and deletes the row (a clean stop); safe to call more than once. */
  stop(): Promise<void>;
}

/** Writes the first beat, then one every `intervalMs` on an unref'd timer. Never throws later. */
export async function startHeartbeat(options: {
  prisma: Prisma;
  taskQueue: string;
  intervalMs: number;
  logger: Logger;
}): Promise<Heartbeat> {
  const { prisma, taskQueue, intervalMs, logger } = options;
  const workerId = randomUUID();
  const host = hostname();
  const pid = process.pid;
  let timer: NodeJS.Timeout | undefined;
  let stopping: Promise<void> | undefined;

  const beat = async () => {
    try {
      await prisma.$executeRaw`
        INSERT INTO worker_heartbeats (id, task_queue, host, pid, started_at, beat_at)
        VALUES (${workerId}, ${taskQueue}, ${host}, ${pid}, now(), now())
        ON CONFLICT (id) DO UPDATE SET beat_at = now()`;
    } catch (error) {
      // Readiness turns false on its own when beats stop landing; the worker keeps working.
      logger.warn({ err: error, workerId, taskQueue }, 'worker heartbeat not written');
    }
  };
  let inFlight: Promise<void> = Promise.resolve();
  const schedule = () => {
    if (stopping) return;
    timer = setTimeout(() => {
      inFlight = beat().then(schedule);
    }, intervalMs);
    timer.unref();
  };

  await prisma.$executeRaw`
    DELETE FROM worker_heartbeats WHERE beat_at < now() - ${FORGET_AFTER}::interval`.catch(
    (error: unknown) => logger.warn({ err: error }, 'old worker heartbeats not removed'),
  );
  await beat();
  schedule();

  return {
    workerId,
    stop() {
      stopping ??= (async () => {
        clearTimeout(timer);
        await inFlight; // a beat under way must not write the row again after it is deleted
        await prisma.$executeRaw`DELETE FROM worker_heartbeats WHERE id = ${workerId}`.catch(
          (error: unknown) =>
            logger.warn({ err: error, workerId }, 'worker heartbeat not removed at stop'),
        );
      })();
      return stopping;
    },
  };
}

export interface FreshestHeartbeat {
  workerId: string;
  host: string;
  pid: number;
  ageSeconds: number;
  /** Workers of the queue whose beat is within the freshness. */
  freshWorkers: number;
}

/** The task queue's most recent heartbeat, or undefined when no worker has one. */
export async function freshestHeartbeat(
  pool: Pool,
  taskQueue: string,
  freshSeconds: number,
): Promise<FreshestHeartbeat | undefined> {
  const { rows } = await pool.query<{
    id: string;
    host: string;
    pid: number;
    age_seconds: number;
    fresh_workers: string;
  }>(
    `SELECT id, host, pid,
            extract(epoch FROM now() - beat_at)::float8 AS age_seconds,
            count(*) FILTER (WHERE beat_at > now() - make_interval(secs => $2)) OVER () AS fresh_workers
       FROM worker_heartbeats
      WHERE task_queue = $1
      ORDER BY beat_at DESC
      LIMIT 1`,
    [taskQueue, freshSeconds],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    workerId: row.id,
    host: row.host,
    pid: row.pid,
    ageSeconds: Math.max(0, row.age_seconds),
    freshWorkers: Number(row.fresh_workers),
  };
}
