// GET /healthz: the process is alive. GET /readyz: every dependency is ready, or which is not.
// GET /metrics: the process's counters for Prometheus.
// The worker counts by its heartbeat row (platform/worker-heartbeat.ts), not by Temporal's list of
// pollers, which keeps a killed worker for 60-90 s.
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { pendingMigrations } from '../../platform/migrate';
import { metricsRegistry } from '../../platform/metrics';
import { freshestHeartbeat } from '../../platform/worker-heartbeat';

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
  taskQueue: string;
  workerHeartbeatFreshnessSeconds: number;
}): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'alive' });
  });

  router.get('/readyz', async (_req, res) => {
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
        const fresh = deps.workerHeartbeatFreshnessSeconds;
        const beat = await freshestHeartbeat(deps.pool, deps.taskQueue, fresh);
        if (!beat) {
          return {
            ready: false,
            detail: `no worker has a heartbeat on task queue ${deps.taskQueue}; start one with npm run worker`,
          };
        }
        const age = beat.ageSeconds.toFixed(1);
        const who = `worker ${beat.workerId} (${beat.host}, pid ${beat.pid})`;
        return beat.ageSeconds <= fresh
          ? {
              ready: true,
              detail: `${who} beat ${age} s ago on task queue ${deps.taskQueue} (${beat.freshWorkers} worker(s) beat within the last ${fresh} s)`,
            }
          : {
              ready: false,
              detail: `the freshest heartbeat on task queue ${deps.taskQueue}, from ${who}, is ${age} s old, more than ${fresh} s: the worker is gone or stuck; start one with npm run worker`,
            };
      }, 'PostgreSQL'),
    ]);
    const checks = { temporal: temporalCheck, database, migrations, worker };
    const ready = Object.values(checks).every((c) => c.ready);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });

  router.get('/metrics', async (_req, res) => {
    res.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });

  return router;
}
