-- CreateEnum
CREATE TYPE "AlarmSource" AS ENUM ('CALL_110', 'WALK_IN');

-- CreateEnum
CREATE TYPE "CaseKind" AS ENUM ('CRIMINAL', 'ADMINISTRATIVE');

-- CreateEnum
CREATE TYPE "EscalationLevel" AS ENUM ('REMINDER', 'FIRST_LEVEL', 'SECOND_LEVEL');

-- CreateTable
CREATE TABLE "alarms" (
    "id" TEXT NOT NULL,
    "source" "AlarmSource" NOT NULL,
    "response_tier" INTEGER NOT NULL,
    "unit_id" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "location" TEXT,
    "reporter_name" TEXT,
    "reported_at" TIMESTAMPTZ(3) NOT NULL,
    "disposed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alarms_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cases" (
    "id" TEXT NOT NULL,
    "alarm_id" TEXT,
    "kind" "CaseKind" NOT NULL,
    "stage" TEXT NOT NULL,
    "unit_id" TEXT NOT NULL,
    "handler_id" TEXT,
    "query_code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "accepted_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tasks" (
    "id" TEXT NOT NULL,
    "case_id" TEXT,
    "alarm_id" TEXT,
    "step" TEXT NOT NULL,
    "owner_role" TEXT NOT NULL,
    "owner_id" TEXT,
    "unit_id" TEXT NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),
    "overdue" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "escalations" (
    "id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "level" "EscalationLevel" NOT NULL,
    "target_role" TEXT NOT NULL,
    "fired_at" TIMESTAMPTZ(3) NOT NULL,
    "answered_at" TIMESTAMPTZ(3),
    "answer" TEXT,

    CONSTRAINT "escalations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "event_key" TEXT NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "reason" TEXT,
    "data" JSONB,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "alarms_unit_id_reported_at_idx" ON "alarms"("unit_id", "reported_at");

-- CreateIndex
CREATE UNIQUE INDEX "cases_query_code_key" ON "cases"("query_code");

-- CreateIndex
CREATE INDEX "cases_unit_id_stage_idx" ON "cases"("unit_id", "stage");

-- CreateIndex
CREATE INDEX "tasks_owner_id_completed_at_due_at_idx" ON "tasks"("owner_id", "completed_at", "due_at");

-- CreateIndex
CREATE UNIQUE INDEX "escalations_task_id_level_key" ON "escalations"("task_id", "level");

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_event_key_key" ON "audit_events"("event_key");

-- CreateIndex
CREATE INDEX "audit_events_subject_type_subject_id_occurred_at_idx" ON "audit_events"("subject_type", "subject_id", "occurred_at");

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_alarm_id_fkey" FOREIGN KEY ("alarm_id") REFERENCES "alarms"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: the audit trail is append-only. Prisma has no syntax for this, so it lives here.
CREATE FUNCTION "audit_events_append_only"() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "audit_events_no_update_or_delete"
    BEFORE UPDATE OR DELETE ON "audit_events"
    FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();

CREATE TRIGGER "audit_events_no_truncate"
    BEFORE TRUNCATE ON "audit_events"
    FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();
