// npm run bench [-- --rounds 5 --concurrency 1,16 --lifecycles N --open 500 --deadlines 1000
//   --deadline-lead SECONDS --temporal HOST:PORT --database URL]
// What a case costs over the least Temporal work its steps could take. Four drivers, interleaved
// round by round: bare workflows that take the 11 fast-track Updates (each cancels one timer and
// starts another), the same writing one row per Update, the app through its HTTP API (alarm,
// disposition, 9 actions and the 2 approvals 审批) and the app through the Temporal client (the
// 11 Updates). Then many open cases against as many bare ones (rate, memory), and deadlines
// falling due together.
// Starts its own Temporal dev server and a fresh database on BENCH_POSTGRES_URL's server (default
// postgresql://postgres@127.0.0.1:5432/postgres, dropped at the end), unless --temporal /
// --database (or BENCH_TEMPORAL_ADDRESS / BENCH_DATABASE_URL) name ones to use.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { apiDriver, type ApiTimings } from '../bench/api-driver';
import { clientLifecycle, startCase } from '../bench/app-client';
import { casesWithTask } from '../bench/app-records';
import { bareClientLifecycle, bareRowsWritten, startBareDeadline } from '../bench/bare-client';
import type { BenchPlaces } from '../bench/fast-track';
import {
  abort,
  deadlinePhase,
  sleep,
  emptyFigures,
  lifecyclePhase,
  openPhase,
  readsPhase,
  type DeadlineFigures,
  type LifecycleFigures,
  type OpenFigures,
} from '../bench/phases';
import { cpuSeconds, rssMiB } from '../bench/processes';
import { fixed, percentile, ratio, table } from '../bench/stats';
import { startBenchSystem, type BenchSystem } from '../bench/system';

const USAGE =
  'usage: npm run bench -- [--rounds 5] [--concurrency 1,16] [--lifecycles N] [--open 500] ' +
  '[--deadlines 1000] [--deadline-lead SECONDS] [--temporal HOST:PORT] [--database URL]';

const parseFlags = () =>
  parseArgs({
    options: {
      rounds: { type: 'string', default: '5' },
      concurrency: { type: 'string', default: '1,16' },
      lifecycles: { type: 'string' },
      open: { type: 'string', default: '500' },
      deadlines: { type: 'string', default: '1000' },
      'deadline-lead': { type: 'string' },
      temporal: { type: 'string', default: process.env.BENCH_TEMPORAL_ADDRESS },
      database: { type: 'string', default: process.env.BENCH_DATABASE_URL },
    },
  });
let values: ReturnType<typeof parseFlags>['values'];
try {
  values = parseFlags().values;
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const wholeNumber = (text: string | undefined) =>
  text === undefined ? undefined : /^\d+$/.test(text) && Number(text) >= 1 ? Number(text) : NaN;
const rounds = wholeNumber(values.rounds)!;
const levels = values.concurrency.split(',').map(wholeNumber) as number[];
const lifecyclesFlag = wholeNumber(values.lifecycles);
const openCount = wholeNumber(values.open)!;
const deadlineCount = wholeNumber(values.deadlines)!;
const leadFlag = wholeNumber(values['deadline-lead']);
if ([rounds, openCount, deadlineCount, lifecyclesFlag, leadFlag, ...levels].some(Number.isNaN)) {
  console.error(`${USAGE}\n(every number a whole number ≥ 1)`);
  process.exit(2);
}
const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
/** Lifecycles per driver, per round, at a concurrency: enough to keep every slot busy twice. */
const perRound = (concurrency: number) => lifecyclesFlag ?? Math.max(8, 2 * concurrency);
/** Pairs of reads per round: a p99 needs a few hundred samples (of 16, it is the slowest one). */
const READS_PER_ROUND = 200;

const VARIANTS = ['bare', 'bare+write', 'app via API', 'app via client'] as const;
type Variant = (typeof VARIANTS)[number];

const log = (line: string) => console.log(line);
const startedAt = Date.now();
const elapsed = () => `${Math.round((Date.now() - startedAt) / 1000)}s`;

let system: BenchSystem | undefined;
let stopping: Promise<void> | undefined;
const stop = (exitCode: number) => {
  stopping ??= (system?.stop() ?? Promise.resolve()).then(() => process.exit(exitCode));
  return stopping;
};
let firstSignalAt = 0;
const onSignal = (exitCode: number) => {
  if (abort.requested) {
    // One Ctrl-C can arrive twice, from the terminal and relayed by npm: only a second signal a
    // moment later is a person insisting.
    if (Date.now() - firstSignalAt < 1000) return;
    console.error('[bench] stopped again: exiting without cleaning up (the database stays)');
    process.exit(1);
  }
  abort.requested = true;
  firstSignalAt = Date.now();
  log('[bench] stopping: workers, servers, then the database is dropped (Ctrl-C again to force)');
  // Lifecycles in flight finish first (a few seconds at most), so nothing uses what is stopped.
  void Promise.race([finished, sleep(15_000)]).then(() => stop(exitCode));
};
process.on('SIGINT', () => onSignal(130));
process.on('SIGTERM', () => onSignal(143));

interface LevelFigures {
  variants: Record<Variant, LifecycleFigures>;
  api: ApiTimings;
}

async function main() {
  log(
    `[bench] rounds ${rounds}, concurrency ${levels.join(',')}, lifecycles per driver per round ` +
      `${levels.map(perRound).join(',')}, open ${openCount}, deadlines ${deadlineCount}`,
  );
  system = await startBenchSystem({
    temporalAddress: values.temporal,
    databaseUrl: values.database,
    adminUrl,
    log,
  });
  const sys = system;
  const serverPid = sys.serverPid;
  const serverCpu = () => (serverPid ? cpuSeconds(serverPid) : NaN);
  const serverRss = () => (serverPid ? rssMiB(serverPid) : NaN);
  const run = randomUUID().slice(0, 6);
  const places: BenchPlaces = {
    unitId: `bench${run}.a`,
    prosecutionOrg: `bench${run}-jcy`,
    courtOrg: `bench${run}-fy`,
  };
  const api = await apiDriver(sys.apiUrl, sys.identity, places);
  /** Where the API driver's alarm requests and reads of the current concurrency go. */
  let apiTimings: ApiTimings = { action: [], alarm: [], getCase: [], listCases: [] };
  const drivers: Record<
    Variant,
    { run: (onAction: (ms: number) => void) => Promise<unknown>; workerPid: number }
  > = {
    bare: {
      run: (onAction) => bareClientLifecycle(sys.client, sys.bareQueue, false, onAction),
      workerPid: sys.bareWorker.pid,
    },
    'bare+write': {
      run: (onAction) => bareClientLifecycle(sys.client, sys.bareQueue, true, onAction),
      workerPid: sys.bareWorker.pid,
    },
    'app via API': {
      run: async (onAction) => {
        const timings: ApiTimings = { ...apiTimings, action: [] };
        try {
          await api.lifecycle(timings);
        } finally {
          timings.action.forEach(onAction);
        }
      },
      workerPid: sys.appWorker.pid,
    },
    'app via client': {
      run: (onAction) => clientLifecycle(sys.client, sys.appQueue, places, onAction),
      workerPid: sys.appWorker.pid,
    },
  };

  log(`[bench] ${elapsed()} warming up: 2 lifecycles per driver, and open cases for the reads`);
  for (const variant of VARIANTS) {
    if (abort.requested) break;
    await lifecyclePhase(emptyFigures(), 2, 1, drivers[variant].run, {
      server: () => 0,
      worker: () => 0,
    });
  }
  const readCases: string[] = [];
  for (let i = 0; i < Math.max(...levels) && !abort.requested; i += 1)
    readCases.push(await api.openCase());

  const byLevel = new Map<number, LevelFigures>();
  for (const concurrency of levels) {
    const level: LevelFigures = {
      variants: Object.fromEntries(VARIANTS.map((v) => [v, emptyFigures()])) as Record<
        Variant,
        LifecycleFigures
      >,
      api: { action: [], alarm: [], getCase: [], listCases: [] },
    };
    byLevel.set(concurrency, level);
    apiTimings = level.api;
    for (let round = 1; round <= rounds && !abort.requested; round += 1) {
      // Each round starts with another driver, so that no driver always follows the same one.
      const order = VARIANTS.map((_, i) => VARIANTS[(i + round - 1) % VARIANTS.length]!);
      const line: string[] = [];
      for (const variant of order) {
        if (abort.requested) return;
        const figures = level.variants[variant];
        const before = { n: figures.lifecycles, s: figures.seconds };
        await lifecyclePhase(figures, perRound(concurrency), concurrency, drivers[variant].run, {
          server: serverCpu,
          worker: () => cpuSeconds(drivers[variant].workerPid),
        });
        const rate = (figures.lifecycles - before.n) / (figures.seconds - before.s);
        line.push(`${variant} ${fixed(rate)}/s`);
      }
      await readsPhase(api, readCases, READS_PER_ROUND, concurrency, level.api);
      log(
        `[bench] ${elapsed()} concurrency ${concurrency}, round ${round}/${rounds}: ` +
          `${line.join(', ')}; reads done`,
      );
    }
  }
  if (abort.requested) return;

  log(
    `[bench] ${elapsed()} scale: opening ${openCount} cases, then ${openCount} bare+write workflows`,
  );
  const checkpoints = [
    ...new Set([0.2, 0.5, 1].map((f) => Math.max(1, Math.round(f * openCount)))),
  ];
  const dayLater = () => Date.now() + 24 * 3600 * 1000;
  const casesOpened = await openPhase(
    openCount,
    checkpoints,
    (id) =>
      startCase(sys.client, sys.appQueue, {
        caseId: id,
        unitId: places.unitId,
        acceptedAt: Date.now(),
      }).then(() => undefined),
    (ids) => casesWithTask(sys.pool, ids),
    'case-scale',
    () => ({ workerRss: rssMiB(sys.appWorker.pid), serverRss: serverRss() }),
    log,
    'cases',
  );
  if (abort.requested) return;
  const bareOpened = await openPhase(
    openCount,
    checkpoints,
    (id) => startBareDeadline(sys.client, sys.bareQueue, id, dayLater()),
    (ids) => bareRowsWritten(sys.pool, ids, 'OPENED'),
    'bare-scale',
    () => ({ workerRss: rssMiB(sys.bareWorker.pid), serverRss: serverRss() }),
    log,
    'bare+write',
  );

  if (abort.requested) return;
  // Long enough that every workflow has started before its deadline, from the rates just seen.
  const slowest = Math.min(casesOpened.perSecond, bareOpened.perSecond);
  const leadSeconds =
    leadFlag ?? Math.min(600, Math.max(20, Math.ceil((1.5 * deadlineCount) / slowest) + 15));
  log(
    `[bench] ${elapsed()} deadlines: ${deadlineCount} due at one instant, then spread over a minute ` +
      `(T0 + ${leadSeconds} s)`,
  );
  const env = { ...sys, unitId: places.unitId };
  const deadlines: Record<string, DeadlineFigures> = {};
  for (const [key, subject, spread] of [
    ['app, one instant', 'app', 0],
    ['bare+write, one instant', 'bare+write', 0],
    ['app, spread over 60 s', 'app', 60_000],
    ['bare+write, spread over 60 s', 'bare+write', 60_000],
  ] as const) {
    if (abort.requested) break;
    deadlines[key] = await deadlinePhase(
      subject,
      deadlineCount,
      leadSeconds * 1000,
      spread,
      env,
      log,
    );
  }

  if (abort.requested) return;
  report(byLevel, casesOpened, bareOpened, deadlines, api.retries(), serverPid !== undefined);
}

function report(
  byLevel: Map<number, LevelFigures>,
  casesOpened: OpenFigures,
  bareOpened: OpenFigures,
  deadlines: Record<string, DeadlineFigures>,
  retries: number,
  ownServer: boolean,
) {
  const out: string[] = [''];
  const targets: string[][] = [];
  const verdict = (met: boolean | undefined) =>
    met === undefined ? 'unknown' : met ? 'met' : 'NOT MET';

  for (const [concurrency, level] of byLevel) {
    const v = level.variants;
    out.push(`Lifecycles at concurrency ${concurrency} (${rounds} rounds, interleaved)`);
    out.push(
      table(
        [
          'driver',
          'lifecycles',
          'lifecycles/s',
          'action p50 ms',
          'p95',
          'p99',
          'server CPU ms/lc',
          'worker CPU ms/lc',
          'failed',
        ],
        VARIANTS.map((name) => {
          const f = v[name];
          return [
            name,
            String(f.lifecycles),
            fixed(f.lifecycles / f.seconds, 2),
            fixed(percentile(f.action, 50)),
            fixed(percentile(f.action, 95)),
            fixed(percentile(f.action, 99)),
            ownServer ? fixed((1000 * f.serverCpu) / f.lifecycles) : 'n/a',
            fixed((1000 * f.workerCpu) / f.lifecycles),
            String(f.failures),
          ];
        }),
      ),
    );
    for (const name of VARIANTS) {
      if (v[name].firstFailure) out.push(`  ${name} first failure: ${v[name].firstFailure}`);
    }
    const a = level.api;
    out.push(
      table(
        ['API request', 'count', 'p50 ms', 'p99 ms'],
        [
          ['POST /cases/:id/actions', v['app via API'].action] as const,
          ['POST /alarms, /arrival, /disposition', a.alarm] as const,
          ['GET /cases/:id (open cases)', a.getCase] as const,
          ['GET /cases', a.listCases] as const,
        ].map(([label, samples]) => [
          label,
          String(samples.length),
          fixed(percentile(samples, 50)),
          fixed(percentile(samples, 99)),
        ]),
      ),
    );
    const bw = v['bare+write'];
    const rate = (f: LifecycleFigures) => f.lifecycles / f.seconds;
    const p99 = (f: LifecycleFigures) => percentile(f.action, 99);
    out.push(
      table(
        ['app / bare+write', 'lifecycles/s', 'action p99'],
        (['app via API', 'app via client'] as const).map((name) => [
          name,
          `${fixed(ratio(rate(v[name]), rate(bw)), 2)}x`,
          `${fixed(ratio(p99(v[name]), p99(bw)), 2)}x`,
        ]),
      ),
    );
    out.push('');
    const rateRatio = ratio(rate(v['app via API']), rate(bw));
    targets.push([
      `c=${concurrency}: API lifecycles/s >= 0.8x bare+write`,
      `${fixed(rateRatio, 2)}x`,
      verdict(Number.isFinite(rateRatio) ? rateRatio >= 0.8 : undefined),
    ]);
    const p99Ratio = ratio(p99(v['app via API']), p99(bw));
    targets.push([
      `c=${concurrency}: API action p99 <= 1.5x bare+write Update p99`,
      `${fixed(p99Ratio, 2)}x (${fixed(p99(v['app via API']))} / ${fixed(p99(bw))} ms)`,
      verdict(Number.isFinite(p99Ratio) ? p99Ratio <= 1.5 : undefined),
    ]);
    const readRatio = ratio(percentile(a.getCase, 99), percentile(a.listCases, 99));
    targets.push([
      `c=${concurrency}: GET /cases/:id p99 <= 1.2x GET /cases p99`,
      `${fixed(readRatio, 2)}x (${fixed(percentile(a.getCase, 99))} / ${fixed(percentile(a.listCases, 99))} ms)`,
      verdict(Number.isFinite(readRatio) ? readRatio <= 1.2 : undefined),
    ]);
  }
  if (retries > 0)
    out.push(
      `(${retries} API requests were retried: the workflow behind them had not started yet)`,
    );

  out.push(`Open workflows (the rate counts from start until each one's first row exists)`);
  out.push(
    table(
      ['open', 'app worker RSS MiB', 'server RSS MiB', 'bare worker RSS MiB', 'server RSS MiB'],
      casesOpened.checkpoints.map((c, i) => {
        const b = bareOpened.checkpoints[i];
        return [
          String(c.open),
          fixed(c.workerRss, 0),
          fixed(c.serverRss, 0),
          b ? fixed(b.workerRss, 0) : '—',
          b ? fixed(b.serverRss, 0) : '—',
        ];
      }),
    ),
  );
  out.push(
    `cases opened/s (first task row): ${fixed(casesOpened.perSecond)}; bare+write starts/s (first row): ` +
      `${fixed(bareOpened.perSecond)}${casesOpened.missing + bareOpened.missing ? `; rows missing: ${casesOpened.missing} cases, ${bareOpened.missing} bare` : ''}`,
  );
  out.push('');
  const openRatio = ratio(casesOpened.perSecond, bareOpened.perSecond);
  targets.push([
    'cases opened/s >= 0.8x bare+write starts/s',
    `${fixed(openRatio, 2)}x`,
    verdict(Number.isFinite(openRatio) ? openRatio >= 0.8 : undefined),
  ]);
  const first = casesOpened.checkpoints[0];
  const last = casesOpened.checkpoints[casesOpened.checkpoints.length - 1];
  const growth = first && last ? last.workerRss / first.workerRss - 1 : NaN;
  targets.push([
    `app worker RSS flat (<= +10%) from ${first?.open ?? '?'} to ${last?.open ?? '?'} open cases`,
    `${growth >= 0 ? '+' : ''}${fixed(100 * growth)}% (${fixed(first?.workerRss ?? NaN, 0)} → ${fixed(last?.workerRss ?? NaN, 0)} MiB)`,
    verdict(Number.isFinite(growth) ? growth <= 0.1 : undefined),
  ]);

  out.push('Deadlines: escalation row written minus due instant (start lag: opening row minus T0)');
  out.push(
    table(
      ['deadlines', 'written', 'p50 ms', 'p99 ms', 'max ms', 'start lag p50 ms', 'max'],
      Object.entries(deadlines).map(([name, d]) => [
        name,
        `${d.written}/${d.count}`,
        fixed(d.p50, 0),
        fixed(d.p99, 0),
        fixed(d.max, 0),
        fixed(d.startLagP50, 0),
        fixed(d.startLagMax, 0),
      ]),
    ),
  );
  out.push(
    '(Both wait for the absolute due instant on the workflow clock: a case that started late fires\n' +
      ' no later for it, unless it started after the instant.)',
  );
  out.push('');
  const appNow = deadlines['app, one instant'];
  const bareNow = deadlines['bare+write, one instant'];
  const allWritten = (d?: DeadlineFigures) => d !== undefined && d.written === d.count;
  const deadlineRatio = appNow && bareNow ? ratio(appNow.max, bareNow.max) : NaN;
  targets.push([
    `${deadlineCount} simultaneous deadlines all escalated within 1.25x bare+write's time`,
    `${fixed(deadlineRatio, 2)}x (max ${fixed(appNow?.max ?? NaN, 0)} / ${fixed(bareNow?.max ?? NaN, 0)} ms)`,
    verdict(
      appNow && bareNow && Number.isFinite(deadlineRatio)
        ? allWritten(appNow) && (deadlineRatio <= 1.25 || appNow.max <= bareNow.max)
        : undefined,
    ),
  ]);
  const spread = deadlines['app, spread over 60 s'];
  targets.push([
    'spread deadlines: app p99 < 1 s',
    `${fixed(spread?.p99 ?? NaN, 0)} ms`,
    verdict(spread ? allWritten(spread) && spread.p99 < 1000 : undefined),
  ]);

  out.push('Targets');
  out.push(table(['target', 'measured', 'verdict'], targets));
  out.push(`(${elapsed()} in all)`);
  console.log(out.join('\n'));
}

/** Settles when the bench has finished or given up, whichever way. */
const finished: Promise<unknown> = main().then(
  () => (abort.requested ? undefined : stop(0)),
  async (error: unknown) => {
    if (abort.requested) return;
    console.error(`[bench] ${(error as Error).stack ?? error}`);
    await stop(1);
  },
);
