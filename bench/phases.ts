// The measured phases of npm run bench: lifecycles per driver, the API's reads, opening many
// cases, and deadlines falling due together. Each returns plain figures; scripts/bench.ts prints.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { ApiDriver, ApiTimings } from './api-driver';
import { startCase } from './app-client';
import { auditWrittenAt } from './app-records';
import { bareRowsWritten, bareWrittenAt, startBareDeadline } from './bare-client';
import { percentile } from './stats';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Set on Ctrl-C: loops stop taking new work. */
export const abort = { requested: false };

/** Runs `count` jobs with at most `concurrency` in flight. */
export async function inParallel(
  count: number,
  concurrency: number,
  job: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const runner = async () => {
    while (next < count && !abort.requested) await job(next++);
  };
  await Promise.all(Array.from({ length: Math.min(count, concurrency) }, runner));
}

/**
 * Polls `count()` until it reaches `target`, the time runs out, the bench is stopped, or (with
 * `stallMs`) it has not moved for that long.
 */
export async function waitFor(
  count: () => Promise<number>,
  target: number,
  timeoutMs: number,
  progress?: (n: number) => void,
  stallMs = Infinity,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let lastReport = Date.now();
  let lastMove = Date.now();
  let n = await count();
  while (n < target && Date.now() < deadline && Date.now() - lastMove < stallMs) {
    if (abort.requested) break;
    await sleep(100);
    const now = await count();
    if (now !== n) lastMove = Date.now();
    n = now;
    if (progress && Date.now() - lastReport > 5000) {
      progress(n);
      lastReport = Date.now();
    }
  }
  return n;
}

export interface LifecycleFigures {
  lifecycles: number;
  failures: number;
  firstFailure?: string;
  seconds: number;
  action: number[];
  /** CPU seconds of the Temporal server and of the worker that ran the variant, over its phases. */
  serverCpu: number;
  workerCpu: number;
}

export const emptyFigures = (): LifecycleFigures => ({
  lifecycles: 0,
  failures: 0,
  seconds: 0,
  action: [],
  serverCpu: 0,
  workerCpu: 0,
});

/** `count` lifecycles, `concurrency` at a time, added into `into`. */
export async function lifecyclePhase(
  into: LifecycleFigures,
  count: number,
  concurrency: number,
  lifecycle: (onAction: (ms: number) => void) => Promise<unknown>,
  cpu: { server: () => number; worker: () => number },
): Promise<void> {
  const server0 = cpu.server();
  const worker0 = cpu.worker();
  const started = performance.now();
  await inParallel(count, concurrency, async () => {
    try {
      await lifecycle((ms) => into.action.push(ms));
      into.lifecycles += 1;
    } catch (error) {
      into.failures += 1;
      into.firstFailure ??= (error as Error).message;
    }
  });
  into.seconds += (performance.now() - started) / 1000;
  into.serverCpu += cpu.server() - server0;
  into.workerCpu += cpu.worker() - worker0;
}

/** GET /cases/:id then GET /cases, `count` times, over the open cases given. */
export async function readsPhase(
  api: ApiDriver,
  openCases: readonly string[],
  count: number,
  concurrency: number,
  timings: ApiTimings,
): Promise<void> {
  await inParallel(count, concurrency, (i) => api.reads(openCases[i % openCases.length]!, timings));
}

export interface OpenCheckpoint {
  open: number;
  workerRss: number;
  serverRss: number;
}

export interface OpenFigures {
  perSecond: number;
  checkpoints: OpenCheckpoint[];
  missing: number;
}

/**
 * Opens `total` workflows in steps up to each checkpoint: starts them (32 at a time) and waits
 * until each has its row; the rate counts only that time. Reads memory at each checkpoint.
 */
export async function openPhase(
  total: number,
  checkpoints: number[],
  start: (id: string) => Promise<void>,
  rowsWritten: (ids: string[]) => Promise<number>,
  idPrefix: string,
  memory: () => { workerRss: number; serverRss: number },
  log: (line: string) => void,
  label: string,
): Promise<OpenFigures> {
  const figures: OpenFigures = { perSecond: NaN, checkpoints: [], missing: 0 };
  let seconds = 0;
  let opened = 0;
  for (const checkpoint of checkpoints) {
    const ids = Array.from({ length: checkpoint - opened }, () => `${idPrefix}-${randomUUID()}`);
    const started = performance.now();
    await inParallel(ids.length, 32, (i) => start(ids[i]!));
    const written = await waitFor(
      () => rowsWritten(ids),
      ids.length,
      600_000,
      (n) => log(`[bench]   ${label}: ${opened + n}/${checkpoint} rows written …`),
    );
    seconds += (performance.now() - started) / 1000;
    figures.missing += ids.length - written;
    opened = checkpoint;
    const point = { open: opened, ...memory() };
    figures.checkpoints.push(point);
    log(
      `[bench]   ${label}: ${opened} open, worker RSS ${point.workerRss.toFixed(0)} MiB, ` +
        `server RSS ${point.serverRss.toFixed(0)} MiB`,
    );
    if (abort.requested) break;
  }
  figures.perSecond = opened / seconds;
  return figures;
}

export interface DeadlineFigures {
  count: number;
  written: number;
  /** Row written minus due instant, ms. */
  p50: number;
  p99: number;
  max: number;
  /** Row of the opening written minus the stamp the clocks count from, ms. */
  startLagP50: number;
  startLagMax: number;
}

export type DeadlineSubject = 'app' | 'bare+write';

/**
 * `count` deadlines counted from one stamp T0: all due at T0 + lead, or spread evenly over
 * `spreadMs` after it, then the time each one's row was written.
 */
export async function deadlinePhase(
  subject: DeadlineSubject,
  count: number,
  leadMs: number,
  spreadMs: number,
  env: { client: Client; pool: Pool; appQueue: string; bareQueue: string; unitId: string },
  log: (line: string) => void,
): Promise<DeadlineFigures> {
  const label = `${subject} deadlines${spreadMs ? ', spread' : ''}`;
  const t0 = Date.now();
  const due = Array.from(
    { length: count },
    (_, i) => t0 + leadMs + Math.round((i * spreadMs) / count),
  );
  const ids = due.map(() => `${subject === 'app' ? 'case' : 'bare'}-deadline-${randomUUID()}`);
  await inParallel(count, 32, async (i) => {
    if (subject === 'app') {
      await startCase(env.client, env.appQueue, {
        caseId: ids[i]!,
        unitId: env.unitId,
        acceptedAt: t0,
        policyOverrides: {
          // The filing review opens at acceptance; its first-level escalation is at the deadline.
          FILING_REVIEW: {
            period: { length: (due[i]! - t0) / 1000, unit: 'SECONDS' },
            grace: { length: 1, unit: 'DAYS' },
          },
        },
      });
    } else {
      await startBareDeadline(env.client, env.bareQueue, ids[i]!, due[i]!);
    }
  });
  log(
    `[bench]   ${label}: ${count} started in ${((Date.now() - t0) / 1000).toFixed(1)} s, ` +
      `due ${spreadMs ? 'from' : 'at'} T0 + ${(leadMs / 1000).toFixed(0)} s`,
  );
  const written =
    subject === 'app'
      ? () => auditWrittenAt(env.pool, ids, 'ESCALATION_FIRST_LEVEL')
      : () => bareWrittenAt(env.pool, ids, 'DUE');
  const rows = async () =>
    subject === 'app' ? (await written()).size : bareRowsWritten(env.pool, ids, 'DUE');
  const lastDue = due[due.length - 1]!;
  await sleep(Math.max(0, due[0]! - Date.now()));
  // Until every row is written (the backlog drained, so the next phase starts clean), unless
  // nothing moves for a minute after the last due instant or it takes 15 minutes more.
  const n = await waitFor(
    rows,
    count,
    lastDue - Date.now() + 15 * 60_000,
    (k) => log(`[bench]   ${label}: ${k}/${count} written …`),
    Math.max(60_000, lastDue - Date.now() + 60_000),
  );
  const at = await written();
  const lateness = ids.flatMap((id, i) => (at.has(id) ? [at.get(id)! - due[i]!] : []));
  const opened =
    subject === 'app'
      ? await auditWrittenAt(env.pool, ids, 'CASE_ACCEPTED')
      : await bareWrittenAt(env.pool, ids, 'OPENED');
  const lag = [...opened.values()].map((when) => when - t0);
  log(`[bench]   ${label}: ${n}/${count} written`);
  return {
    count,
    written: n,
    p50: percentile(lateness, 50),
    p99: percentile(lateness, 99),
    max: lateness.length ? Math.max(...lateness) : NaN,
    startLagP50: percentile(lag, 50),
    startLagMax: lag.length ? Math.max(...lag) : NaN,
  };
}
