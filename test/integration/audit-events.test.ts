// The case and alarm timelines (audit_events) against a real PostgreSQL: a MAC chain per subject
// written by the activities, and what the table's owner (the superuser `postgres`, who can switch
// the append-only triggers off) can do to it: rewrite a row and fit a plain hash, truncate, cut a
// chain's end. Each is found, the last two against the anchor written outside the database.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Pool } from 'pg';
import { createRecordActivities } from '../../activities/records';
import { ANCHOR_FILE, parseAnchor, writeAuditAnchor } from '../../platform/audit-anchor';
import { verifyAuditEvents } from '../../platform/audit-events';
import { createPrisma, type Prisma } from '../../platform/database';
import { migrate } from '../../platform/migrate';
import { testAuditKey, testAuditKeyring, TEST_AUDIT_MAC_KEY } from '../support/audit-key';
import { createDatabase, dropDatabase } from '../support/databases';
import { runScript } from '../support/processes';
import { testEnvironment } from '../support/test-env';

const { adminUrl } = testEnvironment();
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function timelines() {
  const url = await createDatabase(adminUrl, 'audit_events_test');
  cleanups.push(() => dropDatabase(adminUrl, url));
  await migrate(url);
  const prisma: Prisma = createPrisma(url);
  const pool = new Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  cleanups.push(async () => {
    await prisma.$disconnect();
    await pool.end();
  });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'audit-events-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const { recordAudit } = createRecordActivities(prisma, testAuditKey);
  for (const subject of ['case-a', 'case-b']) {
    for (let n = 1; n <= 3; n += 1) {
      await recordAudit({
        eventKey: `${subject}:${n}`,
        subject: { type: 'CASE', id: subject },
        actorId: `officer-${n}`,
        actorRole: 'HANDLER',
        action: `STEP_${n}`,
        data: { n, note: 'z before a', nested: null },
        occurredAt: Date.UTC(2026, 11, 1, 8, n),
      });
    }
  }
  const anchor = () =>
    writeAuditAnchor({
      pool,
      dataDir,
      key: testAuditKey,
      keyring: testAuditKeyring,
      intervalMs: 60_000,
      log: () => undefined,
    });
  const anchors = () =>
    parseAnchor(readFileSync(path.join(dataDir, ANCHOR_FILE), 'utf8'), testAuditKeyring)
      .auditEvents;
  return { url, pool, prisma, dataDir, recordAudit, anchor, anchors };
}

/** What the superuser can do: switch the append-only triggers off for one transaction. */
async function tamper(url: string, text: string, params: unknown[] = []) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE audit_events DISABLE TRIGGER ALL');
    await client.query(text, params);
    await client.query('ALTER TABLE audit_events ENABLE TRIGGER ALL');
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

describe('audit_events chains', () => {
  it('numbers each subject 1, 2, 3 with a MAC chain, writes a retried event once, and verifies', async () => {
    const { url, pool, recordAudit } = await timelines();
    await recordAudit({
      eventKey: 'case-a:3',
      subject: { type: 'CASE', id: 'case-a' },
      actorId: 'officer-3',
      actorRole: 'HANDLER',
      action: 'STEP_3',
      occurredAt: Date.UTC(2026, 11, 1, 8, 3),
    });
    const client = new Client({ connectionString: url });
    await client.connect();
    const rows = (
      await client.query<{ subject_id: string; subject_seq: number; key_id: string }>(
        'SELECT subject_id, subject_seq, key_id FROM audit_events ORDER BY subject_id, subject_seq',
      )
    ).rows;
    await client.end();
    expect(rows.map((r) => `${r.subject_id}#${r.subject_seq}`)).toEqual([
      'case-a#1',
      'case-a#2',
      'case-a#3',
      'case-b#1',
      'case-b#2',
      'case-b#3',
    ]);
    expect(new Set(rows.map((r) => r.key_id))).toEqual(new Set([testAuditKey.id]));
    expect(await verifyAuditEvents(pool, testAuditKeyring)).toEqual({
      ok: true,
      rows: 6,
      subjects: 2,
      legacyRows: 0,
      problems: [],
    });
  });

  it('counts rows written before the chain as legacy, not as proof', async () => {
    const { url, pool } = await timelines();
    await tamper(
      url,
      `INSERT INTO audit_events (event_key, subject_type, subject_id, actor_id, actor_role, action, occurred_at)
       VALUES ('old-1', 'CASE', 'case-old', 'officer-1', 'HANDLER', 'CASE_ACCEPTED', now())`,
    );
    expect(await verifyAuditEvents(pool, testAuditKeyring)).toMatchObject({
      ok: true,
      rows: 6,
      legacyRows: 1,
    });
  });

  it('finds a rewritten row even when a plain sha256 was recomputed over it', async () => {
    const { url, pool } = await timelines();
    const forged = createHash('sha256').update('STEP_2 rewritten').digest('hex');
    await tamper(
      url,
      `UPDATE audit_events SET action = 'NOTHING_HAPPENED', mac = $1 WHERE event_key = 'case-a:2'`,
      [forged],
    );
    const result = await verifyAuditEvents(pool, testAuditKeyring);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      {
        subject: 'CASE:case-a',
        seq: '2',
        problem: expect.stringMatching(/does not match its fields: the row was rewritten/),
      },
      {
        subject: 'CASE:case-a',
        seq: '3',
        problem: expect.stringMatching(/is not the MAC of seq 2/),
      },
    ]);
  });

  it('finds a row deleted from the middle of a chain', async () => {
    const { url, pool } = await timelines();
    await tamper(url, `DELETE FROM audit_events WHERE event_key = 'case-b:2'`);
    const result = await verifyAuditEvents(pool, testAuditKeyring);
    expect(result.problems).toEqual([
      {
        subject: 'CASE:case-b',
        seq: '3',
        problem: 'row 2 is missing (deleted): seq 3 follows seq 1',
      },
    ]);
  });

  it('finds a truncated table against the anchor, which a later anchor run does not move back', async () => {
    const { url, pool, anchor, anchors, dataDir } = await timelines();
    await anchor();
    expect(statSync(path.join(dataDir, ANCHOR_FILE)).mode & 0o777).toBe(0o600);
    await tamper(url, 'TRUNCATE audit_events');
    expect(await verifyAuditEvents(pool, testAuditKeyring)).toMatchObject({ ok: true, rows: 0 });
    await anchor(); // the running system's next run: it must keep the heads it had
    const result = await verifyAuditEvents(pool, testAuditKeyring, { anchors: anchors() });
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.subject)).toEqual(['CASE:case-a', 'CASE:case-b']);
    expect(result.problems[0]!.problem).toMatch(
      /its whole chain is missing, but the anchor recorded 3 rows/,
    );
  });

  it('finds a chain cut at its end against the anchor, and passes intact against it', async () => {
    const { url, pool, anchor, anchors } = await timelines();
    await anchor();
    expect(await verifyAuditEvents(pool, testAuditKeyring, { anchors: anchors() })).toMatchObject({
      ok: true,
      rows: 6,
    });
    await tamper(url, `DELETE FROM audit_events WHERE event_key IN ('case-a:3', 'case-a:2')`);
    const result = await verifyAuditEvents(pool, testAuditKeyring, { anchors: anchors() });
    expect(result.problems).toEqual([
      {
        subject: 'CASE:case-a',
        seq: '3',
        problem: expect.stringMatching(
          /the chain ends at seq 1, but the anchor recorded a head at seq 3/,
        ),
      },
    ]);
  });

  it('npm run audit:verify reads the anchor in DATA_DIR and exits 1 for a truncated timeline', async () => {
    const { url, anchor, dataDir } = await timelines();
    await anchor();
    const env = { DATABASE_URL: url, DATA_DIR: dataDir, AUDIT_MAC_KEY: TEST_AUDIT_MAC_KEY };
    const intact = runScript('audit-verify', env);
    expect(await intact.exited(60_000)).toBe(0);
    expect(intact.output()).toContain('audit_events: 6 rows of 2 subjects checked, ok.');
    await tamper(url, 'TRUNCATE audit_events');
    const broken = runScript('audit-verify', env);
    expect(await broken.exited(60_000)).toBe(1);
    expect(broken.output()).toContain('- CASE:case-a seq 3: its whole chain is missing');
  });
});
