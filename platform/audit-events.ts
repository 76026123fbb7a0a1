// 全流程记录: the case and alarm timelines (table audit_events), one MAC chain per subject. Each row
// of a subject has subject_seq 1, 2, 3… and a MAC over the previous row's MAC and every field of its
// own, so a rewritten row, a gap and (with the anchor) a cut end are found. A chain per subject
// keeps appends inside the step's own transaction without serialising different cases.
import type { Pool } from 'pg';
import { ChainCheck, GENESIS, type ChainAnchor, type ChainProblem } from './audit-chain';
import { auditMac, stableJson, type AuditKey, type AuditKeyring } from './audit-mac';
import type { SubjectType } from '../domain/steps';

export interface AuditEventInput {
  eventKey: string;
  actorId: string;
  actorRole: string;
  action: string;
  reason?: string | null;
  data?: unknown;
  occurredAt: Date;
}

export interface AuditSubject {
  type: SubjectType;
  id: string;
}

/** A row as the MAC covers it: every field, as PostgreSQL gives it back. */
export interface AuditEventFields {
  subjectType: string;
  subjectId: string;
  subjectSeq: number;
  keyId: string;
  eventKey: string;
  actorId: string;
  actorRole: string;
  action: string;
  reason: string | null;
  /** jsonb as parsed, or null. */
  data: unknown;
  occurredAt: Date;
  recordedAt: Date;
}

/** Raw SQL inside the caller's Prisma transaction (an interactive one: the reads must see its writes). */
export interface RawTx {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
}

/**
 * Both halves of an advisory lock per subject (classid 'AEVT', objid the subject's hashtext): two
 * writers of one subject never take the same subject_seq, writers of different subjects never wait.
 */
const SUBJECT_LOCK_CLASS = 0x41455654;

/**
 * Lone surrogates become U+FFFD, as PostgreSQL will store them, so that the MAC covers what is
 * stored. A NUL is kept: PostgreSQL refuses it, and the step fails with that message rather than
 * recording something other than what was decided (the API refuses control characters first).
 */
const storable = (text: string) => Buffer.from(text, 'utf8').toString();

/** A JSON array of every field in a fixed order: no two rows share the text. */
export function canonicalAuditEvent(row: AuditEventFields): string {
  return JSON.stringify([
    row.subjectType,
    row.subjectId,
    String(row.subjectSeq),
    row.keyId,
    row.eventKey,
    row.actorId,
    row.actorRole,
    row.action,
    row.reason,
    row.data === null || row.data === undefined ? null : stableJson(row.data),
    row.occurredAt.toISOString(),
    row.recordedAt.toISOString(),
  ]);
}

export function auditEventMac(key: AuditKey, prevMac: string, row: AuditEventFields): string {
  return auditMac(key, prevMac, canonicalAuditEvent(row));
}

/** The data as jsonb will give it back (no undefined members, Dates as strings). */
const normalisedData = (data: unknown): unknown =>
  data === undefined || data === null ? null : JSON.parse(JSON.stringify(data));

/**
 * Appends the events at the end of the subject's chain, inside the caller's transaction. An event
 * whose key is already recorded (a retried activity) is skipped and takes no number.
 */
export async function appendAuditEvents(
  tx: RawTx,
  key: AuditKey,
  subject: AuditSubject,
  events: readonly AuditEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  await tx.$queryRawUnsafe(
    'SELECT 1 AS locked FROM pg_advisory_xact_lock($1::int, hashtext($2))',
    SUBJECT_LOCK_CLASS,
    `${subject.type}:${subject.id}`,
  );
  // A statement after the lock: under READ COMMITTED it sees the previous holder's rows.
  const [last] = await tx.$queryRawUnsafe<
    Array<{ seq: number | null; mac: string | null; now: string }>
  >(
    `SELECT (SELECT max(subject_seq) FROM audit_events WHERE subject_type = $1 AND subject_id = $2) AS seq,
            (SELECT mac FROM audit_events WHERE subject_type = $1 AND subject_id = $2
              ORDER BY subject_seq DESC NULLS LAST LIMIT 1) AS mac,
            to_char(now()::timestamptz(3) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS now`,
    subject.type,
    subject.id,
  );
  let seq = last?.seq ?? 0;
  let prevMac = (seq > 0 && last?.mac) || GENESIS;
  const recordedAt = new Date(last!.now);
  for (const event of events) {
    const row: AuditEventFields = {
      subjectType: subject.type,
      subjectId: storable(subject.id),
      subjectSeq: seq + 1,
      keyId: key.id,
      eventKey: storable(event.eventKey),
      actorId: storable(event.actorId),
      actorRole: storable(event.actorRole),
      action: storable(event.action),
      reason: event.reason === undefined || event.reason === null ? null : storable(event.reason),
      data: normalisedData(event.data),
      occurredAt: new Date(event.occurredAt.getTime()),
      recordedAt,
    };
    const mac = auditEventMac(key, prevMac, row);
    const inserted = await tx.$queryRawUnsafe<unknown[]>(
      `INSERT INTO audit_events (event_key, subject_type, subject_id, actor_id, actor_role, action,
         reason, data, occurred_at, recorded_at, subject_seq, key_id, prev_mac, mac)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::timestamptz, $10::timestamptz, $11, $12, $13, $14)
       ON CONFLICT (event_key) DO NOTHING RETURNING 1 AS inserted`,
      row.eventKey,
      row.subjectType,
      row.subjectId,
      row.actorId,
      row.actorRole,
      row.action,
      row.reason,
      row.data === null ? null : JSON.stringify(row.data),
      row.occurredAt.toISOString(),
      row.recordedAt.toISOString(),
      row.subjectSeq,
      row.keyId,
      prevMac,
      mac,
    );
    if (inserted.length === 0) continue;
    seq += 1;
    prevMac = mac;
  }
}

interface StoredEvent {
  subject_type: string;
  subject_id: string;
  subject_seq: number;
  key_id: string;
  prev_mac: string;
  mac: string;
  event_key: string;
  actor_id: string;
  actor_role: string;
  action: string;
  reason: string | null;
  data: unknown;
  occurred_at: string;
  recorded_at: string;
}

const STORED_COLUMNS = `subject_type, subject_id, subject_seq, key_id, prev_mac, mac, event_key,
  actor_id, actor_role, action, reason, data,
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at`;

const fieldsOf = (row: StoredEvent): AuditEventFields => ({
  subjectType: row.subject_type,
  subjectId: row.subject_id,
  subjectSeq: row.subject_seq,
  keyId: row.key_id,
  eventKey: row.event_key,
  actorId: row.actor_id,
  actorRole: row.actor_role,
  action: row.action,
  reason: row.reason,
  data: row.data,
  occurredAt: new Date(row.occurred_at),
  recordedAt: new Date(row.recorded_at),
});

/** A subject's name in the anchor and in messages: TYPE:id. */
export const subjectName = (type: string, id: string) => `${type}:${id}`;

export interface AuditEventsProblem extends ChainProblem {
  subject: string;
}

export interface AuditEventsVerification {
  ok: boolean;
  rows: number;
  subjects: number;
  /** Rows written before the chain (no MAC): they prove nothing against the database's owner. */
  legacyRows: number;
  problems: AuditEventsProblem[];
}

export interface VerifyAuditEventsOptions {
  batchSize?: number;
  /** Heads recorded outside the database, by subject name (TYPE:id). */
  anchors?: ReadonlyMap<string, ChainAnchor>;
  onProgress?: (progress: { rows: number; subjects: number }) => void;
}

/**
 * Reads every chained row in (subject, seq) order, batch by batch, checking each subject's chain
 * on its own; then reports every anchored subject whose chain is gone altogether.
 */
export async function verifyAuditEvents(
  pool: Pool,
  keyring: AuditKeyring,
  options: VerifyAuditEventsOptions = {},
): Promise<AuditEventsVerification> {
  const batchSize = options.batchSize ?? 1000;
  const problems: AuditEventsProblem[] = [];
  const seen = new Set<string>();
  let current: { name: string; check: ChainCheck } | undefined;
  let rows = 0;
  const close = () => {
    if (!current) return;
    for (const problem of current.check.finish().problems)
      problems.push({ subject: current.name, ...problem });
  };
  let after: [string, string, number] = ['', '', 0];
  for (;;) {
    const batch = await pool.query<StoredEvent>(
      `SELECT ${STORED_COLUMNS} FROM audit_events
        WHERE subject_seq IS NOT NULL AND (subject_type, subject_id, subject_seq) > ($1, $2, $3)
        ORDER BY subject_type, subject_id, subject_seq LIMIT $4`,
      [...after, batchSize],
    );
    for (const row of batch.rows) {
      const name = subjectName(row.subject_type, row.subject_id);
      if (current?.name !== name) {
        close();
        current = { name, check: new ChainCheck(options.anchors?.get(name)) };
        seen.add(name);
      }
      const key = keyring.get(row.key_id);
      current.check.add({
        seq: BigInt(row.subject_seq),
        prev: row.prev_mac,
        mac: row.mac,
        keyId: row.key_id,
        expected: key && auditEventMac(key, row.prev_mac, fieldsOf(row)),
      });
      after = [row.subject_type, row.subject_id, row.subject_seq];
      rows += 1;
    }
    if (batch.rows.length > 0) options.onProgress?.({ rows, subjects: seen.size });
    if (batch.rows.length < batchSize) break;
  }
  close();
  for (const [name, anchor] of options.anchors ?? []) {
    if (seen.has(name)) continue;
    problems.push({
      subject: name,
      seq: anchor.seq.toString(),
      problem: `its whole chain is missing, but the anchor recorded ${anchor.seq} rows (head ${anchor.mac}): its timeline was deleted`,
    });
  }
  const legacy = await pool.query<{ count: string }>(
    'SELECT count(*)::text AS count FROM audit_events WHERE subject_seq IS NULL',
  );
  return {
    ok: problems.length === 0,
    rows,
    subjects: seen.size,
    legacyRows: Number(legacy.rows[0]!.count),
    problems,
  };
}

/** The last row of every subject's chain: what the anchor records. */
export async function auditEventHeads(
  pool: Pool,
): Promise<Map<string, { seq: number; mac: string }>> {
  const result = await pool.query<{
    subject_type: string;
    subject_id: string;
    subject_seq: number;
    mac: string;
  }>(
    `SELECT DISTINCT ON (subject_type, subject_id) subject_type, subject_id, subject_seq, mac
       FROM audit_events WHERE subject_seq IS NOT NULL
      ORDER BY subject_type, subject_id, subject_seq DESC`,
  );
  return new Map(
    result.rows.map((row) => [
      subjectName(row.subject_type, row.subject_id),
      { seq: row.subject_seq, mac: row.mac },
    ]),
  );
}
