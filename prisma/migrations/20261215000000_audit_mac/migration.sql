-- Keyed audit chains (platform/audit-mac.ts). Rows written before this migration keep what they
-- have: the key is not in the database, so they cannot be given a MAC here; they are reported as
-- unkeyed legacy rows.

-- request_audit: from now on `hash` holds an HMAC-SHA256 under the key `key_id` names; a row
-- without key_id is a legacy row with a plain sha256.
ALTER TABLE "request_audit" ADD COLUMN "key_id" TEXT;

-- audit_events: one chain per subject (a case's or an alarm's timeline): subject_seq 1, 2, 3…,
-- each row's MAC over the previous row's MAC and every field of its own.
ALTER TABLE "audit_events" ADD COLUMN "subject_seq" INTEGER,
ADD COLUMN "key_id" TEXT,
ADD COLUMN "prev_mac" TEXT,
ADD COLUMN "mac" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_subject_type_subject_id_subject_seq_key" ON "audit_events"("subject_type", "subject_id", "subject_seq");

-- Hand-written: a chained row has all four chain columns, a legacy row none.
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_chain_complete" CHECK (
    ("subject_seq" IS NULL AND "key_id" IS NULL AND "prev_mac" IS NULL AND "mac" IS NULL)
    OR ("subject_seq" >= 1 AND "key_id" IS NOT NULL AND "prev_mac" IS NOT NULL AND "mac" IS NOT NULL)
);
