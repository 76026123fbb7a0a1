// The serialisation the request audit's hash chain is computed over. Changing it would make every
// row already written look edited, so its exact form is pinned here.
import { createHash } from 'node:crypto';
import {
  canonicalRequestAudit,
  GENESIS_HASH,
  requestAuditFields,
  requestAuditHash,
  requestAuditMac,
  type RequestAuditEntry,
} from '../../../platform/request-audit';
import { auditKeyFromSecret, auditMac } from '../../../platform/audit-mac';

const entry: RequestAuditEntry = {
  requestId: 'req-1',
  actorId: 'officer-7',
  actorRole: 'HANDLER',
  actorUnit: 'gaj.cg',
  method: 'POST',
  path: '/cases/c1/actions',
  action: 'case.action',
  subjectType: 'CASE',
  subjectId: 'c1',
  outcome: 202,
  clientIp: '10.0.0.8',
  at: new Date('2026-11-25T04:00:00.123Z'),
};

describe('canonicalRequestAudit', () => {
  it('is a JSON array of every field in a fixed order, absent ones null, seq as a string', () => {
    expect(canonicalRequestAudit(requestAuditFields(1n, entry))).toBe(
      '["1","req-1","officer-7","HANDLER","gaj.cg",null,"POST","/cases/c1/actions","case.action",' +
        '"CASE","c1",202,"10.0.0.8","2026-11-25T04:00:00.123Z"]',
    );
  });

  it('gives different text whenever any field differs, also when text moves between fields', () => {
    const variants: RequestAuditEntry[] = [
      entry,
      { ...entry, actorUnit: undefined, actorOrg: 'gaj.cg' },
      { ...entry, actorUnit: '' },
      { ...entry, actorUnit: 'null' },
      { ...entry, requestId: 'req-1","officer-7', actorId: '' },
      { ...entry, outcome: 203 },
      { ...entry, at: new Date('2026-11-25T04:00:00.124Z') },
    ];
    const texts = variants.map((variant) => canonicalRequestAudit(requestAuditFields(1n, variant)));
    expect(new Set(texts).size).toBe(variants.length);
    expect(canonicalRequestAudit(requestAuditFields(2n, entry))).not.toBe(texts[0]);
  });
});

describe('requestAuditHash', () => {
  it('is sha256 (hex) over the previous hash, a newline and the canonical text', () => {
    const fields = requestAuditFields('1', entry);
    const expected = createHash('sha256')
      .update(`${GENESIS_HASH}\n${canonicalRequestAudit(fields)}`)
      .digest('hex');
    expect(requestAuditHash(GENESIS_HASH, fields)).toBe(expected);
    // The first row of the entry above, as every existing chain computed it.
    expect(expected).toBe('d093f97c7afb3ea45f85b304645bc2642db99f78d966930e54d9b3b64444ac1b');
    expect(requestAuditHash('f'.repeat(64), fields)).not.toBe(expected);
  });
});

describe('requestAuditFields', () => {
  it('stores strings as PostgreSQL will give them back, so an untouched row verifies', () => {
    const fields = requestAuditFields(1n, {
      ...entry,
      path: '/cases/案件\u0000x',
      actorId: 'broken\ud800surrogate',
    });
    expect(fields.path).toBe('/cases/案件\uFFFDx');
    expect(fields.actorId).toBe('broken\uFFFDsurrogate');
    expect(fields.actorOrg).toBeNull();
  });

  it('refuses an outcome that is not an HTTP status and a time that is not one', () => {
    expect(() => requestAuditFields(1n, { ...entry, outcome: 200.5 })).toThrow(/outcome/);
    expect(() => requestAuditFields(1n, { ...entry, at: new Date('nonsense') })).toThrow(/at/);
  });
});

describe('requestAuditMac', () => {
  it('is the HMAC under the key over prevHash, the key id and the canonical row', () => {
    const key = auditKeyFromSecret('k'.repeat(32));
    const fields = requestAuditFields(1n, entry);
    expect(requestAuditMac(key, GENESIS_HASH, fields)).toBe(
      auditMac(key, GENESIS_HASH, `${key.id}\n${canonicalRequestAudit(fields)}`),
    );
    // A plain hash recomputed by whoever edits the row is not the MAC.
    expect(requestAuditMac(key, GENESIS_HASH, fields)).not.toBe(
      requestAuditHash(GENESIS_HASH, fields),
    );
    expect(requestAuditMac(auditKeyFromSecret('o'.repeat(32)), GENESIS_HASH, fields)).not.toBe(
      requestAuditMac(key, GENESIS_HASH, fields),
    );
  });
});
