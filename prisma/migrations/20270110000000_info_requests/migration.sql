-- Open-government information requests (issue 11 item 5): their rows, and the tasks (deadlines)
-- that belong to one.

-- CreateTable
CREATE TABLE "info_requests" (
    "id" TEXT NOT NULL,
    "unit_id" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "applicant_name" TEXT NOT NULL,
    "applicant_contact" TEXT,
    "description" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "submitted_at" TIMESTAMPTZ(3),
    "signed_for_at" TIMESTAMPTZ(3),
    "confirmed_at" TIMESTAMPTZ(3),
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "registered_at" TIMESTAMPTZ(3) NOT NULL,
    "registered_by" TEXT NOT NULL,
    "clear_at" TIMESTAMPTZ(3),
    "correction_sent_at" TIMESTAMPTZ(3),
    "correction_matters" TEXT,
    "correct_by" TIMESTAMPTZ(3),
    "corrected_received_at" TIMESTAMPTZ(3),
    "consulting_since" TIMESTAMPTZ(3),
    "consultee" TEXT,
    "consulted_party" TEXT,
    "consultations" INTEGER NOT NULL DEFAULT 0,
    "extension" JSONB,
    "answer_due_at" TIMESTAMPTZ(3),
    "answer_type" TEXT,
    "answer_reason" TEXT,
    "answered_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "info_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "info_requests_unit_id_received_at_idx" ON "info_requests"("unit_id", "received_at");

-- CreateIndex
CREATE INDEX "info_requests_answer_due_at_idx" ON "info_requests"("answer_due_at");

-- AlterTable
ALTER TABLE "tasks" ADD COLUMN     "info_request_id" TEXT;

-- CreateIndex
CREATE INDEX "tasks_info_request_id_idx" ON "tasks"("info_request_id");

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_info_request_id_fkey" FOREIGN KEY ("info_request_id") REFERENCES "info_requests"("id") ON DELETE SET NULL ON UPDATE CASCADE;
