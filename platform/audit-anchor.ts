// The audit chains' heads, kept outside the database (DATA_DIR/audit-anchor.json, and
// AUDIT_ANCHOR_URL when set). A chain alone cannot show rows cut off its end or a table emptied;
// a head recorded elsewhere can. The anchor only moves forward: a chain found shorter than its
// anchored head is reported and its head kept, so a truncation is never anchored over.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';
import type { ChainAnchor } from './audit-chain';
import { auditEventHeads } from './audit-events';
import { auditMac, sameMac, stableJson, type AuditKey, type AuditKeyring } from './audit-mac';

export const ANCHOR_FILE = 'audit-anchor.json';

/** The anchor as written: heads as "seq:mac", by table and, for audit_events, by subject. */
export interface AnchorDocument {
  version: 1;
  writtenAt: string;
  keyId: string;
  requestAudit: { head: string; firstKeyedSeq?: string } | null;
  /** Subject (TYPE:id) → "seq:mac" of its chain's last row. */
  auditEvents: Record<string, string>;
  /** HMAC over the rest: an anchor edited without the key is refused. */
  mac: string;
}

export type AnchorBody = Omit<AnchorDocument, 'mac'>;

/** What a verification uses from an anchor. */
export interface Anchors {
  writtenAt: string;
  requestAudit?: ChainAnchor;
  auditEvents: Map<string, ChainAnchor>;
}

const seqOf = (head: string) => BigInt(head.slice(0, head.indexOf(':')));

export function signAnchor(key: AuditKey, body: AnchorBody): AnchorDocument {
  return { ...body, mac: auditMac(key, 'audit-anchor', stableJson(body)) };
}

/**
 * The new heads, never behind the previous anchor's: a head that moved back (a chain cut or
 * emptied since) keeps its anchored value and is named in `regressions`.
 */
export function mergeAnchor(
  previous: AnchorBody | undefined,
  current: AnchorBody,
): { body: AnchorBody; regressions: string[] } {
  if (!previous) return { body: current, regressions: [] };
  const regressions: string[] = [];
  const keep = (name: string, before: string | undefined, now: string | undefined) => {
    if (before === undefined) return now;
    if (now === undefined || seqOf(now) < seqOf(before)) {
      regressions.push(`${name}: anchored at ${before}, now ${now ?? 'absent'}`);
      return before;
    }
    return now;
  };
  const requestHead = keep(
    'request_audit',
    previous.requestAudit?.head,
    current.requestAudit?.head,
  );
  const firstKeyedSeq = previous.requestAudit?.firstKeyedSeq ?? current.requestAudit?.firstKeyedSeq;
  const auditEvents: Record<string, string> = { ...current.auditEvents };
  for (const [subject, head] of Object.entries(previous.auditEvents)) {
    auditEvents[subject] = keep(subject, head, current.auditEvents[subject])!;
  }
  return {
    body: {
      ...current,
      requestAudit: requestHead
        ? { head: requestHead, ...(firstKeyedSeq ? { firstKeyedSeq } : {}) }
        : null,
      auditEvents,
    },
    regressions,
  };
}

const HEAD = /^([1-9]\d*):([0-9a-f]{64})$/;

function chainAnchor(head: string, writtenAt: string, what: string): ChainAnchor {
  const match = HEAD.exec(head);
  if (!match) throw new Error(`the head of ${what} is ${JSON.stringify(head)}, not SEQ:MAC`);
  return { seq: BigInt(match[1]!), mac: match[2]!, writtenAt };
}

/** The anchor document's body, checked against its MAC; throws saying what is wrong. */
function checkedBody(text: string, keyring: AuditKeyring): AnchorBody {
  const document = JSON.parse(text) as AnchorDocument;
  if (document.version !== 1 || typeof document.mac !== 'string') {
    throw new Error('it is not an audit anchor (version 1 with a mac)');
  }
  const { mac, ...body } = document;
  const key = keyring.get(body.keyId);
  if (!key) throw new Error(`it is MACed with key ${body.keyId}, which this check does not hold`);
  if (!sameMac(mac, signAnchor(key, body).mac)) {
    throw new Error('its MAC does not match its contents: the anchor was edited');
  }
  return body;
}

/** The heads an anchor document records, by chain; throws saying what is wrong with it. */
export function parseAnchor(text: string, keyring: AuditKeyring): Anchors {
  const body = checkedBody(text, keyring);
  const requestAudit = body.requestAudit && {
    ...chainAnchor(body.requestAudit.head, body.writtenAt, 'request_audit'),
    ...(body.requestAudit.firstKeyedSeq
      ? { firstKeyedSeq: BigInt(body.requestAudit.firstKeyedSeq) }
      : {}),
  };
  const auditEvents = new Map(
    Object.entries(body.auditEvents).map(([subject, head]) => [
      subject,
      chainAnchor(head, body.writtenAt, subject),
    ]),
  );
  return { writtenAt: body.writtenAt, ...(requestAudit ? { requestAudit } : {}), auditEvents };
}

/** The heads as the database holds them now. */
export async function currentHeads(pool: Pool, key: AuditKey, now: Date): Promise<AnchorBody> {
  const last = await pool.query<{ seq: string; hash: string }>(
    'SELECT seq::text AS seq, hash FROM request_audit ORDER BY seq DESC LIMIT 1',
  );
  const firstKeyed = await pool.query<{ seq: string | null }>(
    'SELECT min(seq)::text AS seq FROM request_audit WHERE key_id IS NOT NULL',
  );
  const head = last.rows[0];
  const firstKeyedSeq = firstKeyed.rows[0]?.seq ?? undefined;
  const subjects = await auditEventHeads(pool);
  return {
    version: 1,
    writtenAt: now.toISOString(),
    keyId: key.id,
    requestAudit: head
      ? { head: `${head.seq}:${head.hash}`, ...(firstKeyedSeq ? { firstKeyedSeq } : {}) }
      : null,
    auditEvents: Object.fromEntries(
      [...subjects].map(([subject, { seq, mac }]) => [subject, `${seq}:${mac}`]),
    ),
  };
}

/** Written next to the file and renamed over it: a reader never sees half an anchor. */
export function writeAnchorFile(file: string, document: AnchorDocument): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  writeFileSync(temporary, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

/** The previous anchor's body, if it is there and sound; a damaged file is set aside, not lost. */
function previousBody(file: string, keyring: AuditKeyring, log: (line: string) => void) {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  try {
    return checkedBody(text, keyring);
  } catch (error) {
    const aside = `${file}.unreadable-${Date.now()}`;
    renameSync(file, aside);
    log(`[audit-anchor] ${file} ${(error as Error).message}; kept as ${aside}, writing a new one`);
    return undefined;
  }
}

export interface AuditAnchorOptions {
  pool: Pool;
  dataDir: string;
  key: AuditKey;
  keyring: AuditKeyring;
  intervalMs: number;
  /** AUDIT_ANCHOR_URL: each anchor is POSTed there too. */
  url?: string;
  log: (line: string) => void;
}

/** Reads the heads, merges them with the previous anchor, writes the file (and POSTs it). */
export async function writeAuditAnchor(options: AuditAnchorOptions): Promise<AnchorDocument> {
  const file = path.join(options.dataDir, ANCHOR_FILE);
  const current = await currentHeads(options.pool, options.key, new Date());
  const { body, regressions } = mergeAnchor(
    previousBody(file, options.keyring, options.log),
    current,
  );
  for (const regression of regressions) {
    options.log(`[audit-anchor] a chain is behind its anchored head (kept): ${regression}`);
  }
  const document = signAnchor(options.key, { ...body, keyId: options.key.id });
  writeAnchorFile(file, document);
  if (options.url) {
    const response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(document),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`AUDIT_ANCHOR_URL answered ${response.status}`);
  }
  return document;
}

/** Every intervalMs, one run at a time; a failed run is logged and the next one tries again. */
export function startAuditAnchor(options: AuditAnchorOptions): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = writeAuditAnchor(options).then(
      () => undefined,
      (error: Error) => options.log(`[audit-anchor] not written: ${error.message}`),
    );
    void running.then(() => {
      if (!stopped) timer = setTimeout(tick, options.intervalMs);
    });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
