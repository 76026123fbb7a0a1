// The audit MAC key of the test run: fixed, so that a test can compute the MAC a row should carry.
import { auditKeyFromSecret, auditKeyring } from '../../platform/audit-mac';

export const TEST_AUDIT_MAC_KEY = 'test-audit-mac-key-not-secret-0123456789abcdef';
export const testAuditKey = auditKeyFromSecret(TEST_AUDIT_MAC_KEY);
export const testAuditKeyring = auditKeyring(testAuditKey);
