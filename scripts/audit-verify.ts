// npm run audit:verify: checks the MAC chains of the request audit (审计日志, table request_audit)
// and of every case's and alarm's timeline (全流程记录, table audit_events) with the audit key, and
// reports every rewritten or deleted row. Exit 0 when intact, 1 when broken, 2 when the database or
// the key cannot be found.
//
// The database is DATABASE_URL's. Unset, it is the embedded PostgreSQL that `npm start` runs in
// DATA_DIR: used as it runs when `npm start` is up, otherwise started for the check and stopped.
//
// A chain alone cannot show rows cut off its end or a table emptied: the heads anchored in
// DATA_DIR/audit-anchor.json by the running worker are checked too (`--anchor-file PATH` for
// another copy, `--no-anchor` to skip it, `--anchor SEQ:MAC` for a request_audit head kept by hand).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import { ConfigError, environmentWithDotEnv, loadConfig, type Config } from '../platform/config';
import { assertDatabaseReachable, redactUrl } from '../platform/database';
import {
  EMBEDDED_DATABASE,
  embeddedRoles,
  startEmbeddedPostgres,
} from '../platform/embedded-postgres';
import { urlAs } from '../platform/database-roles';
import { ANCHOR_FILE, parseAnchor, type Anchors } from '../platform/audit-anchor';
import { verifyAuditEvents } from '../platform/audit-events';
import {
  AuditKeyMissing,
  auditKeyring,
  loadAuditKey,
  type AuditKeyring,
} from '../platform/audit-mac';
import { verifyRequestAudit, type RequestAuditHead } from '../platform/request-audit';
import { portAnswers } from '../platform/ports';

const INTACT = 0;
const BROKEN = 1;
const CANNOT_CHECK = 2;
const PROGRESS_EVERY_MS = 2000;

/** A problem with configuration or connection: printed as it is, exit code 2. */
class CannotCheck extends Error {}

const log = (line: string) => console.log(line);

function parseManualAnchor(args: string[]): RequestAuditHead | undefined {
  const index = args.indexOf('--anchor');
  if (index === -1) return undefined;
  const match = /^([1-9]\d*):([0-9a-f]{64})$/.exec(args[index + 1] ?? '');
  if (!match) {
    throw new CannotCheck(
      `--anchor ${JSON.stringify(args[index + 1] ?? '')} is not SEQ:HASH. Fix: pass the head an ` +
        'earlier `npm run audit:verify` printed, for example --anchor 1234:<64 hex digits>.',
    );
  }
  return { seq: match[1]!, hash: match[2]! };
}

/** The credentials `startEmbeddedPostgres` gives the cluster it creates. */
/** The running system's own (application) role: it may read both trails, and change neither. */
const embeddedUrl = (port: number, dataDir: string) =>
  urlAs(`postgresql://127.0.0.1:${port}/`, EMBEDDED_DATABASE, embeddedRoles(dataDir).app);

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * The server running on the cluster, from PostgreSQL's own lock file (its pid on line 1, its port
 * on line 4), whatever port it was started with; undefined when none runs.
 */
function runningServer(clusterDir: string): { pid: number; port: number } | undefined {
  const lockFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(lockFile)) return undefined;
  const [pidLine, , , portLine] = readFileSync(lockFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  try {
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres')) return undefined;
  } catch {
    // No /proc: trust the lock file.
  }
  return Number.isInteger(port) && port > 0 ? { pid, port } : undefined;
}

interface Target {
  url: string;
  /** Which variables to name when it cannot be reached. */
  describe: string;
  stop?: () => Promise<void>;
}

/** DATABASE_URL's database, or the embedded one in DATA_DIR (started here if need be). */
async function findDatabase(config: Config): Promise<Target> {
  const timeoutMs = config.DEPENDENCY_TIMEOUT_SECONDS * 1000;
  if (config.DATABASE_URL) {
    try {
      await assertDatabaseReachable(config.DATABASE_URL, timeoutMs);
    } catch (error) {
      throw new CannotCheck((error as Error).message);
    }
    return { url: config.DATABASE_URL, describe: `DATABASE_URL=${redactUrl(config.DATABASE_URL)}` };
  }

  const clusterDir = path.join(config.DATA_DIR, 'postgres');
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    throw new CannotCheck(
      `DATABASE_URL is not set, and DATA_DIR=${config.DATA_DIR} holds no embedded PostgreSQL ` +
        `cluster (no ${clusterDir}), so there is no database to check. Fix: set DATABASE_URL to ` +
        'the database to check, or DATA_DIR to the folder `npm start` uses.',
    );
  }
  const running = runningServer(clusterDir);
  if (running) {
    log(
      `[audit:verify] using the embedded PostgreSQL that runs on ${clusterDir} (pid ${running.pid}, port ${running.port})`,
    );
    return {
      url: embeddedUrl(running.port, config.DATA_DIR),
      describe: `the embedded PostgreSQL of DATA_DIR=${config.DATA_DIR} on port ${running.port}`,
    };
  }
  const port = config.EMBEDDED_POSTGRES_PORT;
  if (await portAnswers(port)) {
    throw new CannotCheck(
      `DATABASE_URL is not set and the embedded PostgreSQL of DATA_DIR=${config.DATA_DIR} is not ` +
        `running, but another server holds EMBEDDED_POSTGRES_PORT=${port}, so it cannot be started ` +
        'for the check. Fix: set EMBEDDED_POSTGRES_PORT to a free port, DATA_DIR to the folder of ' +
        'the `npm start` that runs, or DATABASE_URL to the database to check.',
    );
  }
  log(`[audit:verify] starting the embedded PostgreSQL of ${clusterDir} for the check`);
  try {
    const postgres = await startEmbeddedPostgres({
      dataDir: config.DATA_DIR,
      port,
      timeoutMs,
      log,
    });
    return {
      url: urlAs(postgres.adminUrl, EMBEDDED_DATABASE),
      describe: `the embedded PostgreSQL of DATA_DIR=${config.DATA_DIR} on EMBEDDED_POSTGRES_PORT=${port}`,
      stop: postgres.stop,
    };
  } catch (error) {
    throw new CannotCheck(
      `DATABASE_URL is not set, and the embedded PostgreSQL could not be started for the check: ` +
        `${(error as Error).message}\nIf \`npm start\` is starting, wait until it runs and try again.`,
    );
  }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Prints progress at most every PROGRESS_EVERY_MS. */
function throttled() {
  let lastPrinted = Date.now();
  return (line: string) => {
    if (Date.now() - lastPrinted < PROGRESS_EVERY_MS) return;
    lastPrinted = Date.now();
    log(line);
  };
}

function legacyNote(legacyRows: number) {
  return legacyRows === 0
    ? ''
    : ` ${plural(legacyRows, 'unkeyed legacy row', 'unkeyed legacy rows')} (written before the audit key, checked by plain hash only: no proof against the database's owner).`;
}

async function checkRequestAudit(
  pool: Pool,
  keyring: AuditKeyring,
  anchors: Anchors | undefined,
  manual: RequestAuditHead | undefined,
) {
  const progress = throttled();
  const anchor =
    manual ??
    (anchors?.requestAudit && {
      ...anchors.requestAudit,
      seq: anchors.requestAudit.seq.toString(),
      hash: anchors.requestAudit.mac,
    });
  const result = await verifyRequestAudit(
    pool,
    keyring,
    (p) =>
      progress(`[audit:verify] request_audit: ${p.rows} rows checked (up to seq ${p.lastSeq})…`),
    anchor ? { anchor } : {},
  );
  const rows = `${plural(result.rows, 'row', 'rows')} checked`;
  if (result.ok) {
    log(`request_audit: ${rows}, ok.${legacyNote(result.legacyRows)}`);
    if (result.head) log(`  head: seq ${result.head.seq}, MAC ${result.head.hash}`);
  } else {
    const count = plural(result.problems.length, 'problem', 'problems');
    log(
      `request_audit: ${rows}, ${count}: the audit trail was changed.${legacyNote(result.legacyRows)}`,
    );
    for (const { seq, problem } of result.problems) log(`  - seq ${seq}: ${problem}`);
  }
  return result.ok;
}

async function checkAuditEvents(pool: Pool, keyring: AuditKeyring, anchors: Anchors | undefined) {
  const progress = throttled();
  const result = await verifyAuditEvents(pool, keyring, {
    ...(anchors ? { anchors: anchors.auditEvents } : {}),
    onProgress: (p) =>
      progress(`[audit:verify] audit_events: ${p.rows} rows of ${p.subjects} subjects checked…`),
  });
  const rows = `${plural(result.rows, 'row', 'rows')} of ${plural(result.subjects, 'subject', 'subjects')} checked`;
  if (result.ok) {
    log(`audit_events: ${rows}, ok.${legacyNote(result.legacyRows)}`);
  } else {
    const count = plural(result.problems.length, 'problem', 'problems');
    log(`audit_events: ${rows}, ${count}: a timeline was changed.${legacyNote(result.legacyRows)}`);
    for (const { subject, seq, problem } of result.problems)
      log(`  - ${subject} seq ${seq}: ${problem}`);
  }
  return result.ok;
}

async function verify(target: Target, run: Run): Promise<number> {
  const pool = new Pool({ connectionString: target.url, max: 1 });
  try {
    const requests = await checkRequestAudit(pool, run.keyring, run.anchors, run.manualAnchor);
    const events = await checkAuditEvents(pool, run.keyring, run.anchors);
    return requests && events ? INTACT : BROKEN;
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (code === '42P01' || code === '42703') {
      throw new CannotCheck(
        `${target.describe} lacks an audit table or column: its migrations are not applied. Fix: run ` +
          '`npm run migrate` (or `npm start`), or point DATABASE_URL at the right database.',
      );
    }
    throw new CannotCheck(`Reading the audit from ${target.describe} failed: ${message}`);
  } finally {
    await pool.end();
  }
}

interface Run {
  keyring: AuditKeyring;
  anchors?: Anchors;
  manualAnchor?: RequestAuditHead;
}

/** The anchor file's heads, unless --no-anchor; a file that is absent is said, not fatal. */
function readAnchors(args: string[], config: Config, keyring: AuditKeyring): Anchors | undefined {
  if (args.includes('--no-anchor')) {
    log('[audit:verify] --no-anchor: rows cut off the end or a table emptied cannot be seen.');
    return undefined;
  }
  const index = args.indexOf('--anchor-file');
  const file = index === -1 ? path.join(config.DATA_DIR, ANCHOR_FILE) : (args[index + 1] ?? '');
  if (!existsSync(file)) {
    log(
      `[audit:verify] no anchor at ${file}: rows cut off the end or a table emptied cannot be ` +
        'seen. The worker writes it every AUDIT_ANCHOR_INTERVAL_SECONDS; pass --anchor-file PATH for a copy.',
    );
    return undefined;
  }
  try {
    const anchors = parseAnchor(readFileSync(file, 'utf8'), keyring);
    log(`[audit:verify] anchor ${file}, written ${anchors.writtenAt}`);
    return anchors;
  } catch (error) {
    throw new CannotCheck(
      `The anchor ${file} cannot be used: ${(error as Error).message}. Fix: restore it from a ` +
        'copy (or AUDIT_ANCHOR_URL), or run with --no-anchor knowing what that cannot see.',
    );
  }
}

function prepare(args: string[], config: Config): Run {
  let keyring: AuditKeyring;
  try {
    keyring = auditKeyring(loadAuditKey(config, { create: false }), config.AUDIT_MAC_RETIRED_KEYS);
  } catch (error) {
    if (error instanceof AuditKeyMissing) throw new CannotCheck(error.message);
    throw error;
  }
  const manualAnchor = parseManualAnchor(args);
  const anchors = readAnchors(args, config, keyring);
  return { keyring, ...(anchors ? { anchors } : {}), ...(manualAnchor ? { manualAnchor } : {}) };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  let config: Config;
  try {
    config = loadConfig(environmentWithDotEnv(process.env));
  } catch (error) {
    if (error instanceof ConfigError) throw new CannotCheck(error.message);
    throw error;
  }
  const run = prepare(args, config);
  const target = await findDatabase(config);
  if (target.stop) {
    // A Ctrl-C must not leave the server started for the check running.
    const stopAndExit = (code: number) => () => {
      void target.stop!().finally(() => process.exit(code));
    };
    process.once('SIGINT', stopAndExit(130));
    process.once('SIGTERM', stopAndExit(143));
  }
  try {
    return await verify(target, run);
  } finally {
    await target.stop?.();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof CannotCheck ? error.message : error);
    process.exit(CANNOT_CHECK);
  },
);
