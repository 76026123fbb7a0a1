-- Reconsiderations and lawsuits against the bureau's decisions (issue 11 item 6): their rows, and
-- the tasks (deadlines) that belong to one.

-- CreateTable
CREATE TABLE "litigation_matters" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "unit_id" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "case_id" TEXT,
    "decision_document_number" TEXT,
    "decision_summary" TEXT NOT NULL,
    "claimant_name" TEXT NOT NULL,
    "forum" TEXT NOT NULL,
    "forum_case_number" TEXT,
    "copy_received_at" TIMESTAMPTZ(3) NOT NULL,
    "registered_at" TIMESTAMPTZ(3) NOT NULL,
    "registered_by" TEXT NOT NULL,
    "answer_due_at" TIMESTAMPTZ(3),
    "answered_at" TIMESTAMPTZ(3),
    "answer_note" TEXT,
    "hearings" JSONB NOT NULL DEFAULT '[]',
    "outcome" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "outcome_document" TEXT,
    "outcome_note" TEXT,
    "carried_out_at" TIMESTAMPTZ(3),
    "carried_out_note" TEXT,
    "closed_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "litigation_matters_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "litigation_matters_unit_id_copy_received_at_idx" ON "litigation_matters"("unit_id", "copy_received_at");

-- CreateIndex
CREATE INDEX "litigation_matters_stage_idx" ON "litigation_matters"("stage");

-- CreateIndex
CREATE INDEX "litigation_matters_case_id_idx" ON "litigation_matters"("case_id");

-- AlterTable
ALTER TABLE "tasks" ADD COLUMN     "litigation_matter_id" TEXT;

-- CreateIndex
CREATE INDEX "tasks_litigation_matter_id_idx" ON "tasks"("litigation_matter_id");

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_litigation_matter_id_fkey" FOREIGN KEY ("litigation_matter_id") REFERENCES "litigation_matters"("id") ON DELETE SET NULL ON UPDATE CASCADE;
