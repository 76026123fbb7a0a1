// The pure parts of the keyed audit: the MAC, key ids, the JSON a MAC covers, the chain checks
// over rows, and the anchor that never moves back.
import { createHmac } from 'node:crypto';
import { mergeAnchor, signAnchor, type AnchorBody } from '../../../platform/audit-anchor';
import { ChainCheck, GENESIS, type ChainLink } from '../../../platform/audit-chain';
import {
  auditKeyFromSecret,
  auditKeyring,
  auditMac,
  stableJson,
} from '../../../platform/audit-mac';

const key = auditKeyFromSecret('k'.repeat(32));
const other = auditKeyFromSecret('o'.repeat(32));

describe('auditMac and keys', () => {
  it('is HMAC-SHA256 over prev, a newline and the text, under the key', () => {
    const expected = createHmac('sha256', 'k'.repeat(32)).update(`${GENESIS}\nrow`).digest('hex');
    expect(auditMac(key, GENESIS, 'row')).toBe(expected);
    expect(auditMac(other, GENESIS, 'row')).not.toBe(expected);
  });

  it('names a key by a fingerprint, and a keyring holds the retired ones too', () => {
    expect(key.id).toMatch(/^[0-9a-f]{16}$/);
    expect(key.id).not.toBe(other.id);
    expect([...auditKeyring(key, ['o'.repeat(32)]).keys()]).toEqual([key.id, other.id]);
  });

  it('serialises JSON with sorted keys at every depth, as jsonb gives no order back', () => {
    expect(stableJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null }, u: undefined })).toBe(
      '{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}',
    );
  });
});

/** A chain of n rows MACed with `key`, as ChainCheck receives them. */
function chain(n: number): ChainLink[] {
  const links: ChainLink[] = [];
  let prev = GENESIS;
  for (let seq = 1n; seq <= BigInt(n); seq += 1n) {
    const mac = auditMac(key, prev, `row ${seq}`);
    links.push({ seq, prev, mac, keyId: key.id, expected: mac });
    prev = mac;
  }
  return links;
}

function check(links: ChainLink[], anchor?: ConstructorParameters<typeof ChainCheck>[0]) {
  const checker = new ChainCheck(anchor);
  for (const link of links) checker.add(link);
  return checker.finish();
}

describe('ChainCheck', () => {
  const rows = chain(4);
  const head = { seq: 4n, mac: rows[3]!.mac };

  it.each([
    ['an intact chain', rows, undefined, []],
    ['an intact chain against its anchor', rows, head, []],
    [
      'a rewritten row (its MAC no longer matches)',
      rows.map((r) => (r.seq === 2n ? { ...r, expected: 'f'.repeat(64) } : r)),
      undefined,
      ['2'],
    ],
    ['a gap', rows.filter((r) => r.seq !== 2n), undefined, ['3']],
    ['a cut end, against the anchor', rows.slice(0, 2), head, ['4']],
    ['an empty chain the anchor says held rows', [], head, ['4']],
    [
      'a row MACed with a key the check does not hold',
      rows.map((r) => (r.seq === 1n ? { ...r, keyId: 'unknown', expected: undefined } : r)),
      undefined,
      ['1'],
    ],
    [
      'a keyed row turned legacy after keyed ones',
      rows.map((r) => (r.seq === 3n ? { ...r, keyId: null } : r)),
      undefined,
      ['3'],
    ],
  ] as const)('%s', (_name, links, anchor, problemSeqs) => {
    const summary = check([...links], anchor);
    expect(summary.problems.map((p) => p.seq)).toEqual(problemSeqs);
  });

  it('counts legacy rows before the keyed ones without calling them problems', () => {
    const legacy = rows.map((r) => (r.seq <= 2n ? { ...r, keyId: null } : r));
    expect(check(legacy)).toMatchObject({ rows: 4, legacyRows: 2, problems: [] });
  });
});

describe('mergeAnchor', () => {
  const body = (request: string | null, events: Record<string, string>): AnchorBody => ({
    version: 1,
    writtenAt: '2026-12-01T00:00:00.000Z',
    keyId: key.id,
    requestAudit: request ? { head: request, firstKeyedSeq: '1' } : null,
    auditEvents: events,
  });
  const mac = (c: string) => c.repeat(64);

  it('moves every head forward and adds new subjects', () => {
    const merged = mergeAnchor(
      body(`2:${mac('a')}`, { 'CASE:x': `1:${mac('b')}` }),
      body(`5:${mac('c')}`, { 'CASE:x': `3:${mac('d')}`, 'CASE:y': `1:${mac('e')}` }),
    );
    expect(merged.regressions).toEqual([]);
    expect(merged.body.requestAudit?.head).toBe(`5:${mac('c')}`);
    expect(merged.body.auditEvents).toEqual({
      'CASE:x': `3:${mac('d')}`,
      'CASE:y': `1:${mac('e')}`,
    });
  });

  it('never moves a head back: a truncated or cut chain keeps its anchored head, and is named', () => {
    const merged = mergeAnchor(
      body(`5:${mac('c')}`, { 'CASE:x': `3:${mac('d')}` }),
      body(null, {}),
    );
    expect(merged.body.requestAudit?.head).toBe(`5:${mac('c')}`);
    expect(merged.body.auditEvents).toEqual({ 'CASE:x': `3:${mac('d')}` });
    expect(merged.regressions).toHaveLength(2);
  });

  it('signs the anchor so that an edited one is told apart', () => {
    const signed = signAnchor(key, body(`1:${mac('a')}`, {}));
    expect(signAnchor(key, { ...body(`2:${mac('a')}`, {}) }).mac).not.toBe(signed.mac);
  });
});
