-- The case engine's read model: what a person reads of a case, written in the same transaction as
-- each step, so that reads need no workflow.

-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "measure" TEXT NOT NULL DEFAULT 'NONE',
ADD COLUMN     "sentence_variant" TEXT,
ADD COLUMN     "reconsideration_window_ended" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "tasks" ADD COLUMN     "policy_label" TEXT,
ADD COLUMN     "scope" TEXT,
ADD COLUMN     "variant" TEXT,
ADD COLUMN     "rungs" JSONB,
ADD COLUMN     "explanation" JSONB,
ADD COLUMN     "warnings" JSONB,
ADD COLUMN     "extensions" JSONB,
ADD COLUMN     "pauses" JSONB;

-- AlterTable
ALTER TABLE "escalations" ADD COLUMN     "late" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "tasks_case_id_idx" ON "tasks"("case_id");
