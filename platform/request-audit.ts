// 审计日志: the MAC-chained record of every HTTP request that read or changed a case or alarm.
// Rows are numbered 1, 2, 3… without gaps, and each row's MAC (HMAC-SHA256 under a key kept outside
// the database, platform/audit-mac.ts) covers the previous row's and every field of its own, so an
// edited row no longer matches even when its editor recomputes hashes, and a deleted one leaves a
// gap. Rows written before the key (key_id null) carry a plain sha256 and are counted as legacy.
// The table refuses UPDATE, DELETE and TRUNCATE; the chain catches whoever gets past that (a
// superuser disabling the trigger). Raw SQL through pg, so that the Express app can append with
// the pool it already has.
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { ChainCheck, GENESIS, type ChainAnchor } from './audit-chain';
import { auditMac, type AuditKey, type AuditKeyring } from './audit-mac';
import type { SubjectType } from '../domain/steps';

export interface RequestAuditEntry {
  /** The request's id, as the API logs it. */
  requestId: string;
  actorId: string;
  /** The role the caller acted under. */
  actorRole: string;
  actorUnit?: string;
  actorOrg?: string;
  method: string;
  path: string;
  /** A short name for what was asked, such as `case.get`, `case.action`, `alarm.create`. */
  action: string;
  subjectType?: SubjectType;
  subjectId?: string;
  /** The HTTP status of the answer. */
  outcome: number;
  clientIp?: string;
  at: Date;
}

/** A row as stored: absent optional fields are null, every string is as PostgreSQL keeps it. */
export interface RequestAuditFields {
  seq: string;
  requestId: string;
  actorId: string;
  actorRole: string;
  actorUnit: string | null;
  actorOrg: string | null;
  method: string;
  path: string;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  outcome: number;
  clientIp: string | null;
  at: Date;
}

/** The last row of the chain: recorded elsewhere, it lets a later check see rows cut off the end. */
export interface RequestAuditHead {
  seq: string;
  hash: string;
}

export interface RequestAuditProblem {
  seq: string;
  problem: string;
}

export interface RequestAuditVerification {
  ok: boolean;
  rows: number;
  /** Rows written before the key (plain sha256 only): they prove nothing against the database's owner. */
  legacyRows: number;
  problems: RequestAuditProblem[];
  /** The last row read; undefined when the table is empty. */
  head?: RequestAuditHead;
}

export interface RequestAuditProgress {
  rows: number;
  lastSeq: string;
}

/** The prevHash of row 1. */
export const GENESIS_HASH = GENESIS;

/**
 * The key of the transaction-level advisory lock that serialises appends, so that two requests
 * never take the same seq or chain onto the same previous row. 0x52415544 is "RAUD" (Request
 * AUDit) in ASCII; it differs from Prisma's migration lock (72707369).
 */
export const REQUEST_AUDIT_LOCK_KEY = 0x52415544;

/** The fields in the order of the columns, of the canonical serialisation and of the insert. */
const FIELD_ORDER = [
  'seq',
  'requestId',
  'actorId',
  'actorRole',
  'actorUnit',
  'actorOrg',
  'method',
  'path',
  'action',
  'subjectType',
  'subjectId',
  'outcome',
  'clientIp',
  'at',
] as const satisfies ReadonlyArray<keyof RequestAuditFields>;

const COLUMNS = `seq, request_id, actor_id, actor_role, actor_unit, actor_org, method, path, action,
  subject_type, subject_id, outcome, client_ip, at, prev_hash, hash, key_id`;

// Read back as text in a fixed form, whatever type parsers the process has installed in pg.
const STORED_COLUMNS = `seq::text AS seq, request_id, actor_id, actor_role, actor_unit, actor_org,
  method, path, action, subject_type, subject_id, outcome, client_ip,
  to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, prev_hash, hash, key_id`;

/**
 * A string as PostgreSQL's text type will give it back: NUL (which text refuses) and unpaired
 * UTF-16 surrogates (which UTF-8 cannot carry) become U+FFFD. Hashing anything else would make an
 * untouched row look edited.
 */
function storable(text: string): string {
  return Buffer.from(text.replace(/\0/g, '\uFFFD'), 'utf8').toString('utf8');
}

const storableOrNull = (text: string | undefined | null) =>
  text === undefined || text === null ? null : storable(text);

/**
 * The one serialisation both appending and verifying hash: a JSON array of every field in a fixed
 * order (nulls included, seq as a decimal string, time as ISO 8601 UTC with milliseconds), which
 * leaves no two rows with the same text.
 */
export function canonicalRequestAudit(row: RequestAuditFields): string {
  return JSON.stringify(
    FIELD_ORDER.map((field) => (field === 'at' ? row.at.toISOString() : row[field])),
  );
}

/** sha256 (hex) over the previous row's hash, a newline and the row's canonical serialisation. */
export function requestAuditHash(prevHash: string, row: RequestAuditFields): string {
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalRequestAudit(row)}`)
    .digest('hex');
}

/**
 * HMAC-SHA256 (hex) under `key` over the previous row's hash or MAC, the key's id and the row's
 * canonical serialisation: without the key, a rewritten row cannot be given a matching MAC.
 */
export function requestAuditMac(key: AuditKey, prevHash: string, row: RequestAuditFields): string {
  return auditMac(key, prevHash, `${key.id}\n${canonicalRequestAudit(row)}`);
}

/** The entry as it will be stored under `seq`. */
export function requestAuditFields(
  seq: bigint | string,
  entry: RequestAuditEntry,
): RequestAuditFields {
  if (!Number.isInteger(entry.outcome)) {
    throw new TypeError(`outcome must be an HTTP status (a whole number), not ${entry.outcome}`);
  }
  if (Number.isNaN(entry.at.getTime())) throw new TypeError('at must be a valid Date');
  return {
    seq: String(seq),
    requestId: storable(entry.requestId),
    actorId: storable(entry.actorId),
    actorRole: storable(entry.actorRole),
    actorUnit: storableOrNull(entry.actorUnit),
    actorOrg: storableOrNull(entry.actorOrg),
    method: storable(entry.method),
    path: storable(entry.path),
    action: storable(entry.action),
    subjectType: storableOrNull(entry.subjectType),
    subjectId: storableOrNull(entry.subjectId),
    outcome: entry.outcome,
    clientIp: storableOrNull(entry.clientIp),
    at: new Date(entry.at.getTime()),
  };
}

/**
 * Appends entries at the end of the chain, in the given order. One transaction: the advisory
 * lock, the last row's seq and hash, one insert per entry, each chained onto the one before.
 * READ COMMITTED is set explicitly because the read must see the row the previous lock holder
 * committed (a snapshot taken before the lock, as REPEATABLE READ would take it, would not).
 */
export async function appendRequestAudits(
  pool: Pool,
  key: AuditKey,
  entries: readonly RequestAuditEntry[],
): Promise<void> {
  const client = await pool.connect();
  // A connection whose ROLLBACK failed is dropped rather than handed back to the pool.
  let broken: Error | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [REQUEST_AUDIT_LOCK_KEY]);
      const last = await client.query<{ seq: string; hash: string }>(
        'SELECT seq::text AS seq, hash FROM request_audit ORDER BY request_audit.seq DESC LIMIT 1',
      );
      let prevHash = last.rows[0]?.hash ?? GENESIS_HASH;
      let seq = BigInt(last.rows[0]?.seq ?? '0');
      for (const entry of entries) {
        seq += 1n;
        const row = requestAuditFields(seq, entry);
        const mac = requestAuditMac(key, prevHash, row);
        await client.query(
          `INSERT INTO request_audit (${COLUMNS})
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
          [...FIELD_ORDER.map((field) => row[field]), prevHash, mac, key.id],
        );
        prevHash = mac;
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    }
  } finally {
    client.release(broken);
  }
}

/** Appends one entry at the end of the chain, in a transaction of its own. */
export function appendRequestAudit(pool: Pool, key: AuditKey, entry: RequestAuditEntry) {
  return appendRequestAudits(pool, key, [entry]);
}

/** The most entries one transaction appends; more wait for the next. */
export const REQUEST_AUDIT_BATCH_LIMIT = 200;

interface Waiting {
  entry: RequestAuditEntry;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: requests that are audited while an append is running wait together, and the next
 * transaction appends all of them, so concurrent requests share one lock and one commit instead
 * of queueing for the lock one by one. Each caller's promise settles when its own row is
 * committed (or has failed): the API still answers only after its request is on the record. A
 * batch that fails is retried entry by entry, so that one unwritable entry fails alone.
 */
export class RequestAuditAppender {
  private waiting: Waiting[] = [];
  private running = false;

  constructor(
    private readonly pool: Pool,
    private readonly key: AuditKey,
  ) {}

  append(entry: RequestAuditEntry): Promise<void> {
    // Checked here, so that a malformed entry fails its own caller and no batch.
    requestAuditFields(0n, entry);
    return new Promise((resolve, reject) => {
      this.waiting.push({ entry, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain() {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, REQUEST_AUDIT_BATCH_LIMIT);
        try {
          await appendRequestAudits(
            this.pool,
            this.key,
            batch.map((w) => w.entry),
          );
          for (const w of batch) w.resolve();
        } catch (error) {
          if (batch.length === 1) {
            batch[0]!.reject(error);
            continue;
          }
          for (const w of batch) {
            await appendRequestAudit(this.pool, this.key, w.entry).then(w.resolve, w.reject);
          }
        }
      }
    } finally {
      this.running = false;
    }
  }
}

const appenders = new WeakMap<Pool, Map<string, RequestAuditAppender>>();

/** The one appender of a pool and key, so that every request through that pool joins its batches. */
export function requestAuditAppender(pool: Pool, key: AuditKey): RequestAuditAppender {
  let byKey = appenders.get(pool);
  if (!byKey) appenders.set(pool, (byKey = new Map()));
  let appender = byKey.get(key.id);
  if (!appender) byKey.set(key.id, (appender = new RequestAuditAppender(pool, key)));
  return appender;
}

interface StoredRow {
  seq: string;
  request_id: string;
  actor_id: string;
  actor_role: string;
  actor_unit: string | null;
  actor_org: string | null;
  method: string;
  path: string;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  outcome: number;
  client_ip: string | null;
  /** ISO 8601 UTC with milliseconds. */
  at: string;
  prev_hash: string;
  hash: string;
  key_id: string | null;
}

const fieldsOf = (row: StoredRow): RequestAuditFields => ({
  seq: row.seq,
  requestId: row.request_id,
  actorId: row.actor_id,
  actorRole: row.actor_role,
  actorUnit: row.actor_unit,
  actorOrg: row.actor_org,
  method: row.method,
  path: row.path,
  action: row.action,
  subjectType: row.subject_type,
  subjectId: row.subject_id,
  outcome: row.outcome,
  clientIp: row.client_ip,
  at: new Date(row.at),
});

export interface VerifyRequestAuditOptions {
  /** Rows read per query (default 1000): a large table is never loaded at once. */
  batchSize?: number;
  /**
   * A head recorded outside the database (the anchor file, or --anchor). The chain alone cannot
   * show that rows were cut off its end or that the table was emptied; with an anchor it can.
   */
  anchor?: RequestAuditHead & Pick<ChainAnchor, 'firstKeyedSeq' | 'writtenAt'>;
}

/** What a stored row's fields give: its MAC under its key, its plain hash if legacy. */
function expectedLink(row: StoredRow, keyring: AuditKeyring): string | undefined {
  if (row.key_id === null) return requestAuditHash(row.prev_hash, fieldsOf(row));
  const key = keyring.get(row.key_id);
  return key && requestAuditMac(key, row.prev_hash, fieldsOf(row));
}

/**
 * Reads the whole chain in seq order, batch by batch, and reports every deleted row (a gap in the
 * numbers), every row not linked to the one before, every row whose MAC is not the one its fields
 * give (a rewritten row), and an anchored head the chain no longer reaches. `onProgress` is called
 * after each batch.
 */
export async function verifyRequestAudit(
  pool: Pool,
  keyring: AuditKeyring,
  onProgress?: (progress: RequestAuditProgress) => void,
  options: VerifyRequestAuditOptions = {},
): Promise<RequestAuditVerification> {
  const batchSize = options.batchSize ?? 1000;
  const { anchor } = options;
  const check = new ChainCheck(anchor && { ...anchor, seq: BigInt(anchor.seq), mac: anchor.hash });
  let lastSeq = '0';
  for (;;) {
    // Keyset pages: rows are only ever appended, each after the previous one committed, so
    // pages read at different moments still join into one chain.
    const batch = await pool.query<StoredRow>(
      `SELECT ${STORED_COLUMNS} FROM request_audit WHERE seq > $1 ORDER BY request_audit.seq LIMIT $2`,
      [lastSeq, batchSize],
    );
    for (const row of batch.rows) {
      check.add({
        seq: BigInt(row.seq),
        prev: row.prev_hash,
        mac: row.hash,
        keyId: row.key_id,
        expected: expectedLink(row, keyring),
      });
      lastSeq = row.seq;
    }
    if (batch.rows.length > 0) onProgress?.({ rows: check.rows, lastSeq });
    if (batch.rows.length < batchSize) break;
  }
  const summary = check.finish();
  return {
    ok: summary.problems.length === 0,
    rows: summary.rows,
    legacyRows: summary.legacyRows,
    problems: summary.problems,
    ...(summary.head ? { head: { seq: summary.head.seq.toString(), hash: summary.head.mac } } : {}),
  };
}
