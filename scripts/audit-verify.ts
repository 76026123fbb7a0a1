// npm run audit:verify: checks the hash chain of the request audit (审计日志, table request_audit)
// and reports every edited or deleted row. Exit 0 when the chain is intact, 1 when it is broken,
// 2 when the database cannot be found or reached.
//
// The database is DATABASE_URL's. Unset, it is the embedded PostgreSQL that `npm start` runs in
// DATA_DIR: used as it runs when `npm start` is up, otherwise started for the check and stopped.
//
// The chain cannot show rows cut off its end. The summary prints the last row (the head); keep it
// outside the database and pass it back with `--anchor SEQ:HASH` to check that it is still there.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import { ConfigError, environmentWithDotEnv, loadConfig, type Config } from '../platform/config';
import { assertDatabaseReachable, redactUrl } from '../platform/database';
import { EMBEDDED_DATABASE, startEmbeddedPostgres } from '../platform/embedded-postgres';
import { verifyRequestAudit, type RequestAuditHead } from '../platform/request-audit';
import { portAnswers } from '../platform/ports';

const INTACT = 0;
const BROKEN = 1;
const CANNOT_CHECK = 2;
const PROGRESS_EVERY_MS = 2000;

/** A problem with configuration or connection: printed as it is, exit code 2. */
class CannotCheck extends Error {}

const log = (line: string) => console.log(line);

function parseAnchor(args: string[]): RequestAuditHead | undefined {
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
const embeddedUrl = (port: number) =>
  `postgresql://postgres:postgres@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;

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
      url: embeddedUrl(running.port),
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
      url: postgres.url,
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

async function verify(target: Target, anchor: RequestAuditHead | undefined): Promise<number> {
  const pool = new Pool({ connectionString: target.url, max: 1 });
  let lastPrinted = Date.now();
  try {
    const result = await verifyRequestAudit(
      pool,
      (progress) => {
        if (Date.now() - lastPrinted < PROGRESS_EVERY_MS) return;
        lastPrinted = Date.now();
        log(`[audit:verify] ${progress.rows} rows checked (up to seq ${progress.lastSeq})…`);
      },
      { anchor },
    );
    const rows = `${result.rows} ${result.rows === 1 ? 'row' : 'rows'} checked`;
    if (result.ok) {
      log(`request_audit: ${rows}, ok.`);
    } else {
      const count = `${result.problems.length} ${result.problems.length === 1 ? 'problem' : 'problems'}`;
      log(`request_audit: ${rows}, ${count}: the audit trail was changed.`);
      for (const { seq, problem } of result.problems) log(`  - seq ${seq}: ${problem}`);
    }
    if (result.ok && result.head) {
      const head = `${result.head.seq}:${result.head.hash}`;
      log(
        `Head: seq ${result.head.seq}, hash ${result.head.hash}. The chain cannot show rows cut ` +
          'off its end: keep this outside the database and check later with ' +
          `npm run audit:verify -- --anchor ${head}`,
      );
    }
    return result.ok ? INTACT : BROKEN;
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (code === '42P01') {
      throw new CannotCheck(
        `${target.describe} has no request_audit table: its migrations are not applied. Fix: run ` +
          '`npm run migrate` (or `npm start`), or point DATABASE_URL at the right database.',
      );
    }
    throw new CannotCheck(`Reading request_audit from ${target.describe} failed: ${message}`);
  } finally {
    await pool.end();
  }
}

async function main(): Promise<number> {
  const anchor = parseAnchor(process.argv.slice(2));
  let config: Config;
  try {
    config = loadConfig(environmentWithDotEnv(process.env));
  } catch (error) {
    if (error instanceof ConfigError) throw new CannotCheck(error.message);
    throw error;
  }
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
    return await verify(target, anchor);
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
