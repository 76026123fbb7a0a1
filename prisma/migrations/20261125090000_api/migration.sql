-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "court_org" TEXT,
ADD COLUMN     "prosecution_org" TEXT,
ADD COLUMN     "route" TEXT;

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "id" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status" INTEGER,
    "response" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "cases_prosecution_org_stage_idx" ON "cases"("prosecution_org", "stage");

-- CreateIndex
CREATE INDEX "cases_court_org_stage_idx" ON "cases"("court_org", "stage");
