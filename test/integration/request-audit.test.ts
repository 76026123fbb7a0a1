// The hash-chained request audit (审计日志) against a real PostgreSQL: appends numbered 1..n without
// gaps also when they race, a table that refuses UPDATE, DELETE and TRUNCATE, and a verification
// that finds a row edited or deleted by someone who got past the trigger, through the library and
// through `npm run audit:verify`. Every test has a migrated database of its own: the run's shared
// database gets request_audit rows from the API tests at any moment.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client, Pool } from 'pg';
import { prepareDatabase, provisionDatabase, urlAs } from '../../platform/database-roles';
import { EMBEDDED_DATABASE, embeddedRoles } from '../../platform/embedded-postgres';
import { migrate } from '../../platform/migrate';
import {
  appendRequestAudit,
  GENESIS_HASH,
  RequestAuditAppender,
  requestAuditFields,
  requestAuditHash,
  verifyRequestAudit,
  type RequestAuditEntry,
  type RequestAuditProgress,
} from '../../platform/request-audit';
import { testAuditKey, testAuditKeyring, TEST_AUDIT_MAC_KEY } from '../support/audit-key';
import { createDatabase, dropDatabase } from '../support/databases';
import { freePort } from '../support/ports';
import { runScript } from '../support/processes';
import { testEnvironment } from '../support/test-env';
import { portAnswers } from '../../platform/ports';

const { adminUrl } = testEnvironment();
const databases: string[] = [];
const pools: Pool[] = [];
const embedded: Array<{ stop(): Promise<void> }> = [];
const dataDirs: string[] = [];

afterAll(async () => {
  for (const pool of pools) await pool.end();
  for (const postgres of embedded) await postgres.stop();
  for (const url of databases) await dropDatabase(adminUrl, url);
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** What every run of the script gets: the test key, and a DATA_DIR without an anchor. */
const verifyEnv = () => ({ AUDIT_MAC_KEY: TEST_AUDIT_MAC_KEY, DATA_DIR: temporaryFolder() });

function temporaryFolder() {
  const dir = mkdtempSync(path.join(tmpdir(), 'audit-verify-'));
  dataDirs.push(dir);
  return dir;
}

/**
 * A pool ended at teardown. pool.end() can resolve while an idle connection is still closing, so
 * the forced drop of its database may reach it then: that is no failure of the test.
 */
function testPool(url: string, max: number) {
  const pool = new Pool({ connectionString: url, max });
  pool.on('error', () => undefined);
  pools.push(pool);
  return pool;
}

async function migratedDatabase() {
  const url = await createDatabase(adminUrl, 'request_audit_test');
  databases.push(url);
  await migrate(url);
  return { url, pool: testPool(url, 10) };
}

const entry = (n: number, overrides: Partial<RequestAuditEntry> = {}): RequestAuditEntry => ({
  requestId: `req-${n}`,
  actorId: `officer-${n}`,
  actorRole: 'HANDLER',
  actorUnit: 'gaj.cg',
  method: 'GET',
  path: `/cases/case-${n}`,
  action: 'case.get',
  subjectType: 'CASE',
  subjectId: `case-${n}`,
  outcome: 200,
  clientIp: '127.0.0.1',
  at: new Date(Date.UTC(2026, 10, 25, 4, 0, n % 60, 123)),
  ...overrides,
});

/** A database whose chain holds `count` entries, appended one after another. */
async function chainOf(count: number) {
  const database = await migratedDatabase();
  for (let n = 1; n <= count; n += 1)
    await appendRequestAudit(database.pool, testAuditKey, entry(n));
  return database;
}

async function sql<T extends object = object>(url: string, text: string, params: unknown[] = []) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** What the table's owner can do: switch the append-only triggers off for one transaction. */
async function tamper(url: string, text: string, params: unknown[] = []) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE request_audit DISABLE TRIGGER USER');
    await client.query(text, params);
    await client.query('ALTER TABLE request_audit ENABLE TRIGGER USER');
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

describe('appendRequestAudit', () => {
  it('numbers entries 1..n without gaps and chains each to the one before, also when they race', async () => {
    const { url, pool } = await migratedDatabase();
    await appendRequestAudit(
      pool,
      testAuditKey,
      entry(1, { actorUnit: undefined, actorOrg: 'xfy' }),
    );
    await appendRequestAudit(
      pool,
      testAuditKey,
      entry(2, { path: '/alarms?unit=城关派出所', outcome: 403 }),
    );
    // Twenty at once through this pool and twenty through another, as from two API processes.
    const other = testPool(url, 10);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        appendRequestAudit(i % 2 ? pool : other, testAuditKey, entry(i + 3)),
      ),
    );

    const rows = await sql<{ seq: string; prev_hash: string; hash: string }>(
      url,
      'SELECT seq, prev_hash, hash FROM request_audit ORDER BY seq',
    );
    expect(rows.map((row) => Number(row.seq))).toEqual(Array.from({ length: 42 }, (_, i) => i + 1));
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    rows.slice(1).forEach((row, i) => expect(row.prev_hash).toBe(rows[i]!.hash));
    expect(new Set(rows.map((row) => row.hash)).size).toBe(42);

    const [first] = await sql(url, 'SELECT * FROM request_audit WHERE seq = 1');
    expect(first).toMatchObject({
      request_id: 'req-1',
      actor_id: 'officer-1',
      actor_role: 'HANDLER',
      actor_unit: null,
      actor_org: 'xfy',
      method: 'GET',
      path: '/cases/case-1',
      action: 'case.get',
      subject_type: 'CASE',
      subject_id: 'case-1',
      outcome: 200,
      client_ip: '127.0.0.1',
      at: new Date('2026-11-25T04:00:01.123Z'),
    });

    expect(await verifyRequestAudit(pool, testAuditKeyring)).toEqual({
      ok: true,
      rows: 42,
      legacyRows: 0,
      problems: [],
      head: { seq: '42', hash: rows[41]!.hash },
    });
  });

  it('writes into a table that refuses UPDATE, DELETE and TRUNCATE', async () => {
    const { url } = await chainOf(2);
    await expect(sql(url, `UPDATE request_audit SET actor_id = 'someone-else'`)).rejects.toThrow(
      /request_audit is append-only: UPDATE is not allowed/,
    );
    await expect(sql(url, 'DELETE FROM request_audit WHERE seq = 2')).rejects.toThrow(
      /append-only: DELETE/,
    );
    await expect(sql(url, 'TRUNCATE request_audit')).rejects.toThrow(/append-only: TRUNCATE/);
    expect(await sql(url, 'SELECT seq, actor_id FROM request_audit ORDER BY seq')).toEqual([
      { seq: '1', actor_id: 'officer-1' },
      { seq: '2', actor_id: 'officer-2' },
    ]);
  });
});

describe('RequestAuditAppender (what the API appends with)', () => {
  it('appends requests that arrive together in shared transactions, each answered once its row is committed', async () => {
    const { url, pool } = await migratedDatabase();
    const appender = new RequestAuditAppender(pool, testAuditKey);
    const connects = jest.spyOn(pool, 'connect');
    const seen: number[] = [];
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        appender.append(entry(i + 1)).then(async () => {
          const [row] = await sql<{ n: number }>(
            url,
            'SELECT count(*)::int AS n FROM request_audit WHERE request_id = $1',
            [`req-${i + 1}`],
          );
          seen.push(row!.n);
        }),
      ),
    );
    expect(seen).toEqual(Array.from({ length: 60 }, () => 1));
    // Not one lock and one commit per request: the first goes alone, the rest wait together.
    expect(connects.mock.calls.length).toBeLessThanOrEqual(3);
    const verified = await verifyRequestAudit(pool, testAuditKeyring);
    expect(verified).toMatchObject({ ok: true, rows: 60, problems: [] });
    const ids = await sql<{ request_id: string }>(url, 'SELECT request_id FROM request_audit');
    expect(new Set(ids.map((row) => row.request_id)).size).toBe(60);
  });

  it('fails only the entry the database refuses, not the others of its batch', async () => {
    const { pool } = await migratedDatabase();
    const appender = new RequestAuditAppender(pool, testAuditKey);
    const results = await Promise.allSettled(
      // An outcome beyond PostgreSQL's integer: a whole number, refused only by the database.
      [1, 2, 3, 4, 5].map((n) => appender.append(entry(n, n === 3 ? { outcome: 2 ** 40 } : {}))),
    );
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect(await verifyRequestAudit(pool, testAuditKeyring)).toMatchObject({ ok: true, rows: 4 });
  });
});

describe('verifyRequestAudit', () => {
  it('reads the chain in batches and reports progress after each', async () => {
    const { pool } = await chainOf(10);
    const progress: RequestAuditProgress[] = [];
    const result = await verifyRequestAudit(pool, testAuditKeyring, (p) => progress.push(p), {
      batchSize: 4,
    });
    expect(result).toMatchObject({ ok: true, rows: 10, problems: [] });
    expect(progress).toEqual([
      { rows: 4, lastSeq: '4' },
      { rows: 8, lastSeq: '8' },
      { rows: 10, lastSeq: '10' },
    ]);
    const empty = await migratedDatabase();
    expect(await verifyRequestAudit(empty.pool, testAuditKeyring)).toEqual({
      ok: true,
      rows: 0,
      legacyRows: 0,
      problems: [],
    });
  });

  it('finds a row whose fields were edited', async () => {
    const { url, pool } = await chainOf(6);
    await tamper(url, `UPDATE request_audit SET actor_id = 'officer-99' WHERE seq = 3`);
    const result = await verifyRequestAudit(pool, testAuditKeyring);
    expect(result.ok).toBe(false);
    expect(result.rows).toBe(6);
    expect(result.problems).toEqual([
      {
        seq: '3',
        problem: expect.stringMatching(
          /MAC \(key [0-9a-f]{16}\) [0-9a-f]{64} does not match its fields: the row was rewritten/,
        ),
      },
    ]);
  });

  it('finds an edited row whose plain hash was recomputed to fit: without the key its MAC cannot be', async () => {
    const { url, pool } = await chainOf(6);
    // The forger turns a refused request into an answered one and recomputes the row's hash, but
    // row 4 still names the old hash.
    const [row3] = await sql<{ prev_hash: string }>(
      url,
      'SELECT prev_hash FROM request_audit WHERE seq = 3',
    );
    const forged = requestAuditFields(3n, entry(3, { outcome: 500 }));
    await tamper(url, 'UPDATE request_audit SET outcome = 500, hash = $1 WHERE seq = 3', [
      requestAuditHash(row3!.prev_hash, forged),
    ]);
    const result = await verifyRequestAudit(pool, testAuditKeyring);
    expect(result.problems).toEqual([
      {
        seq: '3',
        problem: expect.stringMatching(/does not match its fields: the row was rewritten/),
      },
      {
        seq: '4',
        problem: expect.stringMatching(/^its prev [0-9a-f]{64} is not the MAC of seq 3/),
      },
    ]);
  });

  it('finds a deleted row in the middle, at the start, and across a batch boundary', async () => {
    const { url, pool } = await chainOf(9);
    await tamper(url, 'DELETE FROM request_audit WHERE seq IN (1, 5, 6)');
    const result = await verifyRequestAudit(pool, testAuditKeyring, undefined, { batchSize: 4 });
    expect(result).toMatchObject({ ok: false, rows: 6 });
    expect(result.problems).toEqual([
      { seq: '2', problem: 'row 1 is missing (deleted): seq 2 follows the start of the chain' },
      { seq: '7', problem: 'rows 5 to 6 are missing (deleted): seq 7 follows seq 4' },
    ]);
  });

  it('cannot see the last row removed by the chain alone, but can against a recorded head', async () => {
    const { url, pool } = await chainOf(5);
    const { head } = await verifyRequestAudit(pool, testAuditKeyring);
    await tamper(url, 'DELETE FROM request_audit WHERE seq = 5');
    expect(await verifyRequestAudit(pool, testAuditKeyring)).toMatchObject({ ok: true, rows: 4 });
    const anchored = await verifyRequestAudit(pool, testAuditKeyring, undefined, { anchor: head });
    expect(anchored.problems).toEqual([
      {
        seq: '5',
        problem:
          'the chain ends at seq 4, but the anchor recorded a head at seq 5: rows were cut off the end',
      },
    ]);
  });

  it('finds a truncated table against a recorded head', async () => {
    const { url, pool } = await chainOf(3);
    const { head } = await verifyRequestAudit(pool, testAuditKeyring);
    await tamper(url, 'TRUNCATE request_audit');
    const anchored = await verifyRequestAudit(pool, testAuditKeyring, undefined, { anchor: head });
    expect(anchored).toMatchObject({ ok: false, rows: 0 });
    expect(anchored.problems[0]!.problem).toMatch(
      /the chain is empty, but the anchor recorded 3 rows/,
    );
  });

  it('counts rows written before the key as legacy, checked by plain hash, and refuses a keyed row turned legacy', async () => {
    const { url, pool } = await migratedDatabase();
    // Two rows as the code before the key wrote them: plain sha256, no key_id.
    let prev = GENESIS_HASH;
    for (const n of [1, 2]) {
      const row = requestAuditFields(BigInt(n), entry(n));
      const hash = requestAuditHash(prev, row);
      await sql(
        url,
        `INSERT INTO request_audit (seq, request_id, actor_id, actor_role, actor_unit, actor_org, method,
           path, action, subject_type, subject_id, outcome, client_ip, at, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [
          row.seq,
          row.requestId,
          row.actorId,
          row.actorRole,
          row.actorUnit,
          row.actorOrg,
          row.method,
          row.path,
          row.action,
          row.subjectType,
          row.subjectId,
          row.outcome,
          row.clientIp,
          row.at,
          prev,
          hash,
        ],
      );
      prev = hash;
    }
    await appendRequestAudit(pool, testAuditKey, entry(3));
    await appendRequestAudit(pool, testAuditKey, entry(4));
    expect(await verifyRequestAudit(pool, testAuditKeyring)).toMatchObject({
      ok: true,
      rows: 4,
      legacyRows: 2,
    });
    // Row 3 rewritten as a legacy row with a plain hash that fits: the keyed row 4 before… after it.
    const [row3] = await sql<{ prev_hash: string }>(
      url,
      'SELECT prev_hash FROM request_audit WHERE seq = 3',
    );
    const forged = requestAuditFields(3n, entry(3, { outcome: 500 }));
    const forgedHash = requestAuditHash(row3!.prev_hash, forged);
    await tamper(
      url,
      'UPDATE request_audit SET outcome = 500, key_id = NULL, hash = $1 WHERE seq = 3',
      [forgedHash],
    );
    await tamper(url, 'UPDATE request_audit SET prev_hash = $1 WHERE seq = 4', [forgedHash]);
    const result = await verifyRequestAudit(pool, testAuditKeyring, undefined, {
      anchor: {
        seq: '4',
        hash: (await sql<{ hash: string }>(url, 'SELECT hash FROM request_audit WHERE seq = 4'))[0]!
          .hash,
        firstKeyedSeq: 3n,
      },
    });
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.seq)).toContain('3');
    expect(result.problems.find((p) => p.seq === '3')!.problem).toMatch(
      /rewritten as a legacy one/,
    );
  });
});

const projectRoot = path.resolve(__dirname, '..', '..');

/**
 * The embedded PostgreSQL as `npm start` runs it, in a process of its own: Jest's module system
 * cannot load the ES module that locates its binaries.
 */
async function runEmbeddedPostgres(dataDir: string, port: number) {
  const program = `
    import embedded from ${JSON.stringify(pathToFileURL(path.join(projectRoot, 'platform', 'embedded-postgres.ts')).href)};
    const postgres = await embedded.startEmbeddedPostgres({
      dataDir: process.argv[1], port: Number(process.argv[2]), timeoutMs: 60000, log: () => {},
    });
    setInterval(() => {}, 60000);
    process.once('SIGTERM', () => postgres.stop().then(() => process.exit(0)));
    console.log('ready ' + postgres.adminUrl);`;
  const loader = pathToFileURL(path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs'));
  const child = spawn(
    process.execPath,
    ['--import', loader.href, '--input-type=module', '-e', program, dataDir, String(port)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = {
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  embedded.push(running);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`PostgreSQL did not start: ${output}`)),
      90_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /^ready (\S+)$/m.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then(() => reject(new Error(`PostgreSQL did not start: ${output}`)));
  });
  return { url, stop: running.stop };
}

describe('npm run audit:verify', () => {
  it('exits 0 for an intact chain, 1 with each problem for a changed one', async () => {
    const { url } = await chainOf(5);
    const intact = runScript('audit-verify', {
      ...verifyEnv(),
      DATABASE_URL: url,
    });
    expect(await intact.exited(60_000)).toBe(0);
    expect(intact.output()).toContain('request_audit: 5 rows checked, ok.');
    const [, seq, mac] = /head: seq (5), MAC ([0-9a-f]{64})/.exec(intact.output())!;
    const head = `${seq}:${mac}`;

    await tamper(url, `UPDATE request_audit SET client_ip = '10.9.9.9' WHERE seq = 2`);
    await tamper(url, 'DELETE FROM request_audit WHERE seq = 4');
    const broken = runScript('audit-verify', {
      ...verifyEnv(),
      DATABASE_URL: url,
    });
    expect(await broken.exited(60_000)).toBe(1);
    expect(broken.output()).toContain(
      'request_audit: 4 rows checked, 2 problems: the audit trail was changed.',
    );
    expect(broken.output()).toMatch(/- seq 2: its MAC .* the row was rewritten/);
    expect(broken.output()).toContain('- seq 5: row 4 is missing (deleted): seq 5 follows seq 3');

    await tamper(url, 'DELETE FROM request_audit WHERE seq = 5');
    const cut = runScript(
      'audit-verify',
      {
        ...verifyEnv(),
        DATABASE_URL: url,
      },
      ['--anchor', head],
    );
    expect(await cut.exited(60_000)).toBe(1);
    expect(cut.output()).toContain(
      '- seq 5: the chain ends at seq 3, but the anchor recorded a head at seq 5',
    );
  });

  it('exits 2 naming the variable when the database cannot be found or read', async () => {
    const closedPort = await freePort();
    const unreachable = runScript('audit-verify', {
      ...verifyEnv(),
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${closedPort}/nothing`,
    });
    expect(await unreachable.exited(60_000)).toBe(2);
    expect(unreachable.output()).toMatch(/Cannot reach PostgreSQL .*DATABASE_URL/s);

    const notAUrl = runScript('audit-verify', {
      ...verifyEnv(),
      DATABASE_URL: 'mysql://somewhere',
    });
    expect(await notAUrl.exited(60_000)).toBe(2);
    expect(notAUrl.output()).toContain('DATABASE_URL="mysql://somewhere"');

    const unmigrated = await createDatabase(adminUrl, 'request_audit_test');
    databases.push(unmigrated);
    const noTable = runScript('audit-verify', {
      ...verifyEnv(),
      DATABASE_URL: unmigrated,
    });
    expect(await noTable.exited(60_000)).toBe(2);
    expect(noTable.output()).toMatch(/lacks an audit table or column.*npm run migrate/s);

    const emptyDataDir = temporaryFolder();
    const noCluster = runScript('audit-verify', {
      ...verifyEnv(),
      DATA_DIR: emptyDataDir,
    });
    expect(await noCluster.exited(60_000)).toBe(2);
    expect(noCluster.output()).toContain(
      `DATABASE_URL is not set, and DATA_DIR=${emptyDataDir} holds no embedded PostgreSQL cluster`,
    );
  });

  it('without DATABASE_URL checks the embedded PostgreSQL of DATA_DIR, starting it only if it is not running', async () => {
    const dataDir = temporaryFolder();
    chmodSync(dataDir, 0o755); // as root, the embedded PostgreSQL runs as `postgres`
    const port = await freePort();
    // What `npm start` leaves behind: a cluster with the migrated database and some requests.
    const first = await runEmbeddedPostgres(dataDir, port);
    const roles = embeddedRoles(dataDir);
    await provisionDatabase(first.url, EMBEDDED_DATABASE, roles);
    const appUrl = urlAs(first.url, EMBEDDED_DATABASE, roles.app);
    await prepareDatabase({
      appUrl,
      ownerUrl: urlAs(first.url, EMBEDDED_DATABASE, roles.owner),
      allowPrivileged: false,
      log: () => {},
    });
    const pool = new Pool({ connectionString: appUrl, max: 2 });
    for (let n = 1; n <= 3; n += 1) await appendRequestAudit(pool, testAuditKey, entry(n));
    await pool.end();

    // `npm start` is running: its server is used as it is (found on whatever port it runs).
    const whileRunning = runScript('audit-verify', {
      ...verifyEnv(),
      DATA_DIR: dataDir,
    });
    expect(await whileRunning.exited(60_000)).toBe(0);
    expect(whileRunning.output()).toContain(`using the embedded PostgreSQL that runs on`);
    expect(whileRunning.output()).toContain('request_audit: 3 rows checked, ok.');
    expect(await portAnswers(port)).toBe(true);
    await first.stop();

    // `npm start` is not running: the script starts the server for the check and stops it.
    const stopped = runScript('audit-verify', {
      ...verifyEnv(),
      DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(port),
      DEPENDENCY_TIMEOUT_SECONDS: '60',
    });
    expect(await stopped.exited(90_000)).toBe(0);
    expect(stopped.output()).toContain('starting the embedded PostgreSQL of');
    expect(stopped.output()).toContain('request_audit: 3 rows checked, ok.');
    expect(await portAnswers(port)).toBe(false);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'run', 'postgres.pid'))).toBe(false);
  });
});
