// npm run bench:audit [-- --requests 2000 --concurrency 1,8,32]
// How fast the MAC-chained request audit appends, two ways: one transaction per request (each
// takes the chain's advisory lock in turn) and group commit as the API appends (requests that
// arrive while an append runs share the next transaction). The chain's lock bounds the API's
// throughput of audited requests. Runs in a scratch
// database it creates and drops on the PostgreSQL of BENCH_POSTGRES_URL (default the local
// server, postgresql://postgres@127.0.0.1:5432/postgres), then checks the chain it wrote.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client, Pool } from 'pg';
import { auditKeyFromSecret, auditKeyring } from '../platform/audit-mac';
import { migrate } from '../platform/migrate';
import {
  appendRequestAudit,
  RequestAuditAppender,
  verifyRequestAudit,
  type RequestAuditEntry,
} from '../platform/request-audit';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '1,8,32' },
  },
});
const requests = Number(values.requests);
const levels = values.concurrency.split(',').map(Number);
if (
  !Number.isInteger(requests) ||
  requests < 1 ||
  levels.some((c) => !Number.isInteger(c) || c < 1)
) {
  console.error(
    'usage: npm run bench:audit -- [--requests N] [--concurrency 1,8,32] (whole numbers ≥ 1)',
  );
  process.exit(2);
}
const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

// A key of the run's own: the scratch database is dropped at the end.
const auditKey = auditKeyFromSecret(randomBytes(32).toString('hex'));

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

type Append = (entry: RequestAuditEntry) => Promise<void>;

async function run(append: Append, concurrency: number) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < requests) {
      const n = next++;
      const t0 = performance.now();
      await append({
        requestId: `bench-${concurrency}-${n}`,
        actorId: 'officer-bench',
        actorRole: 'HANDLER',
        actorUnit: 'gaj.cg',
        method: 'GET',
        path: `/cases/case-${n}`,
        action: 'case.get',
        subjectType: 'CASE',
        subjectId: `case-${n}`,
        outcome: 200,
        clientIp: '127.0.0.1',
        at: new Date(),
      });
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: requests / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
  };
}

async function main() {
  const database = `bench_audit_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const pool = new Pool({ connectionString: url.toString(), max: Math.max(...levels) });
  try {
    await migrate(url.toString());
    console.log(`request audit appends, ${requests} per run, PostgreSQL at ${url.host}`);
    const appender = new RequestAuditAppender(pool, auditKey);
    const modes: Array<[string, Append]> = [
      ['one by one', (entry) => appendRequestAudit(pool, auditKey, entry)],
      ['group commit', (entry) => appender.append(entry)],
    ];
    console.log('mode          concurrency  appends/s  p50 ms  p95 ms');
    for (const [mode, append] of modes) {
      for (const concurrency of levels) {
        const r = await run(append, concurrency);
        console.log(
          `${mode.padEnd(12)}  ${String(concurrency).padStart(11)}  ${r.perSecond.toFixed(0).padStart(9)}  ${r.p50.toFixed(2).padStart(6)}  ${r.p95.toFixed(2).padStart(6)}`,
        );
      }
    }
    const t0 = performance.now();
    const verified = await verifyRequestAudit(pool, auditKeyring(auditKey));
    const ms = performance.now() - t0;
    console.log(
      `audit:verify over ${verified.rows} rows: ${verified.ok ? 'intact' : 'BROKEN'} in ${ms.toFixed(0)} ms (${((verified.rows / ms) * 1000).toFixed(0)} rows/s)`,
    );
  } finally {
    await pool.end();
    await admin.query(`DROP DATABASE ${database}`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(`[bench:audit] ${(error as Error).message}`);
  process.exit(1);
});
