// GET /healthz: the process is alive. GET /readyz: every dependency is ready, or which is not.
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Pool } from 'pg';
import { pendingMigrations } from '../../platform/migrate';

/** A poller seen more recently than this counts as a polling worker (long polls last ~60s). */
const POLLER_FRESH_SECONDS = 90;
const CHECK_TIMEOUT_MS = 3000;

interface Check {
  ready: boolean;
  detail: string;
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
}

async function check(run: () => Promise<Check>, what: string): Promise<Check> {
  try {
    return await withTimeout(run(), what);
  } catch (error) {
    return { ready: false, detail: (error as Error).message };
  }
}

export function healthRoutes(deps: {
  temporal: Client;
  pool: Pool;
  namespace: string;
  taskQueue: string;
}): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'alive' });
  });

  router.get('/readyz', async (_req, res) => {
    const { TaskQueueType, TaskQueueKind } = temporal.api.enums.v1;
    const pollersOf = async (taskQueueType: temporal.api.enums.v1.TaskQueueType) => {
      const answer = await deps.temporal.workflowService.describeTaskQueue({
        namespace: deps.namespace,
        taskQueue: { name: deps.taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        taskQueueType,
      });
      const nowSeconds = Date.now() / 1000;
      return (answer.pollers ?? []).filter(
        (poller) => nowSeconds - Number(poller.lastAccessTime?.seconds ?? 0) < POLLER_FRESH_SECONDS,
      ).length;
    };

    const [temporalCheck, database, migrations, worker] = await Promise.all([
      check(async () => {
        await deps.temporal.workflowService.getSystemInfo({});
        return { ready: true, detail: 'Temporal frontend answers' };
      }, 'Temporal'),
      check(async () => {
        await deps.pool.query('SELECT 1');
        return { ready: true, detail: 'PostgreSQL answers' };
      }, 'PostgreSQL'),
      check(async () => {
        const pending = await pendingMigrations(deps.pool);
        return pending.length === 0
          ? { ready: true, detail: 'all migrations applied' }
          : { ready: false, detail: `pending migrations: ${pending.join(', ')}` };
      }, 'PostgreSQL'),
      check(async () => {
        const [workflowPollers, activityPollers] = await Promise.all([
          pollersOf(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW),
          pollersOf(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY),
        ]);
        return workflowPollers > 0 && activityPollers > 0
          ? { ready: true, detail: `worker polling task queue ${deps.taskQueue}` }
          : {
              ready: false,
              detail: `no worker is polling task queue ${deps.taskQueue} (workflow pollers: ${workflowPollers}, activity pollers: ${activityPollers}); start one with npm run worker`,
            };
      }, 'Temporal'),
    ]);
    const checks = { temporal: temporalCheck, database, migrations, worker };
    const ready = Object.values(checks).every((c) => c.ready);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });

  return router;
}
