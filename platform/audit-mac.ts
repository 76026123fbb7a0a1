// The key that MACs the audit trails (request_audit, audit_events). It lives outside the database,
// so that whoever holds only the database cannot recompute a row's MAC after rewriting it.
// AUDIT_MAC_KEY, else a random key kept in DATA_DIR/audit-mac-key (as identity.ts keeps jwt-secret).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readOrCreateSecret } from './secret-file';

export interface AuditKey {
  /** A fingerprint of the secret, stored with each row so that a rotated key is told apart. */
  id: string;
  secret: Buffer;
}

/** Every key a verification may meet, by id: the current one and those retired by a rotation. */
export type AuditKeyring = ReadonlyMap<string, AuditKey>;

export const AUDIT_KEY_FILE = 'audit-mac-key';

/** sha256 over a label and the secret: names the key without revealing anything usable. */
export function auditKeyFromSecret(secret: string): AuditKey {
  const bytes = Buffer.from(secret, 'utf8');
  const id = createHash('sha256')
    .update('case-orchestrator audit key id\n')
    .update(bytes)
    .digest('hex')
    .slice(0, 16);
  return { id, secret: bytes };
}

export class AuditKeyMissing extends Error {}

/**
 * AUDIT_MAC_KEY, else DATA_DIR/audit-mac-key. `create` makes the file (32 random bytes, readable
 * by its owner only) when absent: the running system does; a verification must not, since a fresh
 * key would make every row look rewritten.
 */
export function loadAuditKey(
  config: { AUDIT_MAC_KEY?: string; DATA_DIR: string },
  options: { create: boolean },
): AuditKey {
  if (config.AUDIT_MAC_KEY) return auditKeyFromSecret(config.AUDIT_MAC_KEY);
  const file = path.join(config.DATA_DIR, AUDIT_KEY_FILE);
  if (!existsSync(file)) {
    if (!options.create) {
      throw new AuditKeyMissing(
        `AUDIT_MAC_KEY is not set and ${file} does not exist, so the audit's MACs cannot be ` +
          'checked. Fix: set AUDIT_MAC_KEY to the key the system writes with, or DATA_DIR to the ' +
          'folder `npm start` uses.',
      );
    }
  }
  return auditKeyFromSecret(readOrCreateSecret(config.DATA_DIR, AUDIT_KEY_FILE));
}

/** The current key and the retired ones (AUDIT_MAC_RETIRED_KEYS), by id. */
export function auditKeyring(current: AuditKey, retiredSecrets: readonly string[] = []) {
  const ring = new Map<string, AuditKey>();
  for (const key of [current, ...retiredSecrets.map(auditKeyFromSecret)]) ring.set(key.id, key);
  return ring as AuditKeyring;
}

/** HMAC-SHA256 (hex) over the previous link, a newline and the row's canonical text. */
export function auditMac(key: AuditKey, prev: string, canonical: string): string {
  return createHmac('sha256', key.secret).update(`${prev}\n${canonical}`).digest('hex');
}

/** Constant-time comparison of two hex MACs. */
export function sameMac(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * JSON with object keys sorted at every depth: PostgreSQL's jsonb keeps no key order, so the text a
 * MAC covers must not depend on it. Undefined members are left out, as JSON.stringify does.
 */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((name) => record[name] !== undefined)
    .sort()
    .map((name) => `${JSON.stringify(name)}:${stableJson(record[name])}`);
  return `{${members.join(',')}}`;
}
