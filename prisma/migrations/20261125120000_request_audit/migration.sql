-- CreateTable
CREATE TABLE "request_audit" (
    "seq" BIGINT NOT NULL,
    "request_id" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "actor_unit" TEXT,
    "actor_org" TEXT,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject_type" TEXT,
    "subject_id" TEXT,
    "outcome" INTEGER NOT NULL,
    "client_ip" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "request_audit_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "request_audit_subject_type_subject_id_at_idx" ON "request_audit"("subject_type", "subject_id", "at");

-- Hand-written: the request audit is append-only, like audit_events. Prisma has no syntax for this,
-- so it lives here. (Its hash chain, checked by `npm run audit:verify`, catches what gets past it.)
CREATE FUNCTION "request_audit_append_only"() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'request_audit is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "request_audit_no_update_or_delete"
    BEFORE UPDATE OR DELETE ON "request_audit"
    FOR EACH ROW EXECUTE FUNCTION "request_audit_append_only"();

CREATE TRIGGER "request_audit_no_truncate"
    BEFORE TRUNCATE ON "request_audit"
    FOR EACH STATEMENT EXECUTE FUNCTION "request_audit_append_only"();
