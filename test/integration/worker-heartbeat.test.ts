// /readyz follows the workers' heartbeats: a worker killed with SIGKILL is reported within the
// freshness (Temporal would still list its pollers for a minute or more), one stopped cleanly at
// once, and a heartbeat that cannot be written never stops a worker.
import { Writable } from 'node:stream';
import { createPrisma } from '../../platform/database';
import { createLogger } from '../../platform/logging';
import { startHeartbeat } from '../../platform/worker-heartbeat';
import { eventually, startTestApp, type TestApp } from '../support/app';
import { readJson, type Json } from '../support/http';
import { freePort } from '../support/ports';
import { runScript, type RunningScript } from '../support/processes';
import { TEST_PAYLOAD_KEYS, testEnvironment } from '../support/test-env';

/** Test-friendly values: a beat every second, counted for 4 s (the defaults are 5 and 15). */
const INTERVAL_SECONDS = 1;
const FRESH_SECONDS = 4;
/** Time for the poll and the request around the freshness. */
const SLACK_MS = 2000;

let app: TestApp; // the API in this process; the workers are separate processes
const workers: RunningScript[] = [];
beforeAll(async () => {
  app = await startTestApp({ withWorker: false, workerHeartbeatFreshnessSeconds: FRESH_SECONDS });
});
afterAll(async () => {
  for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
  await app.close();
});

async function startWorkerProcess() {
  const { temporalAddress, databaseUrl } = testEnvironment();
  const worker = runScript('worker', {
    TEMPORAL_ADDRESS: temporalAddress,
    DATABASE_URL: databaseUrl,
    TEMPORAL_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
    TEMPORAL_TASK_QUEUE: app.taskQueue,
    WORKER_HEARTBEAT_INTERVAL_SECONDS: String(INTERVAL_SECONDS),
  });
  workers.push(worker);
  await worker.waitForOutput(/Press Ctrl-C to stop\./, 120_000);
  return worker;
}

const readyz = async () => {
  const res = await fetch(`${app.baseUrl}/readyz`);
  return { status: res.status, body: (await readJson(res)) as Json };
};

const rowsOf = async (pid: number) =>
  Number(
    (
      await app.pool.query<{ n: string }>(
        'SELECT count(*) AS n FROM worker_heartbeats WHERE task_queue = $1 AND pid = $2',
        [app.taskQueue, pid],
      )
    ).rows[0]!.n,
  );

it('is ready while a worker beats, and names the worker killed with SIGKILL within the freshness', async () => {
  const worker = await startWorkerProcess();
  const pid = worker.child.pid!;
  const ready = await eventually(readyz, (r) => r.status === 200, 10_000);
  expect(ready.body.checks.worker.detail).toContain(`pid ${pid}`);
  expect(await rowsOf(pid)).toBe(1);

  worker.child.kill('SIGKILL');
  await worker.exited(10_000);
  // Its last beat came before the kill, so it is stale at most FRESH_SECONDS after it.
  const down = await eventually(readyz, (r) => r.status === 503, FRESH_SECONDS * 1000 + SLACK_MS);
  expect(down.body.status).toBe('not ready');
  expect(down.body.checks.worker.ready).toBe(false);
  expect(down.body.checks.worker.detail).toMatch(
    new RegExp(
      `^the freshest heartbeat on task queue ${app.taskQueue}, from worker [0-9a-f-]{36} \\(.+, pid ${pid}\\), is [\\d.]+ s old, more than ${FRESH_SECONDS} s: .*start one with npm run worker$`,
    ),
  );
  // Only the worker is not ready.
  expect(down.body.checks.temporal.ready).toBe(true);
  expect(down.body.checks.database.ready).toBe(true);
  expect(down.body.checks.migrations.ready).toBe(true);
});

it('turns not ready at once when the worker stops cleanly, and keeps no row of it', async () => {
  const worker = await startWorkerProcess();
  await eventually(readyz, (r) => r.status === 200, 10_000);

  worker.child.kill('SIGTERM');
  // Well within the freshness: the worker deleted its row, it did not just go stale.
  const down = await eventually(readyz, (r) => r.status === 503, 1500);
  expect(down.body.checks.worker.detail).toMatch(
    new RegExp(
      `^(no worker has a heartbeat|the freshest heartbeat) on task queue ${app.taskQueue}`,
    ),
  );
  expect(await worker.exited(30_000)).toBe(0);
  expect(await rowsOf(worker.child.pid!)).toBe(0);
  const after = await readyz();
  expect(after.status).toBe(503);
  // The first test's killed worker may still have its (stale) row; this one left none.
  expect(after.body.checks.worker.detail).not.toContain(`pid ${worker.child.pid}`);
});

it('never stops the worker when a heartbeat cannot be written: it logs, and beats on', async () => {
  const lines: Json[] = [];
  const logger = createLogger(
    'warn',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    }),
  );
  // Nothing listens on this port: every write fails.
  const prisma = createPrisma(`postgresql://postgres@127.0.0.1:${await freePort()}/nowhere`);
  const heartbeat = await startHeartbeat({
    prisma,
    taskQueue: 'heartbeat-failure',
    intervalMs: 100,
    logger,
  });
  try {
    const failures = await eventually(
      async () => lines.filter((line) => line.msg === 'worker heartbeat not written'),
      (found) => found.length >= 3,
      10_000,
    );
    expect(failures[0]).toMatchObject({
      workerId: heartbeat.workerId,
      taskQueue: 'heartbeat-failure',
    });
  } finally {
    await heartbeat.stop();
    await prisma.$disconnect();
  }
  expect(lines.at(-1)!.msg).toBe('worker heartbeat not removed at stop');
});
