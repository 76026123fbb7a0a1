-- The alarm engine's read model: what a person reads of an alarm, written with each step.

-- AlterTable
ALTER TABLE "alarms" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "category" TEXT,
ADD COLUMN     "received_at" TIMESTAMPTZ(3),
ADD COLUMN     "disposition" TEXT,
ADD COLUMN     "disposition_reason" TEXT,
ADD COLUMN     "agency" TEXT,
ADD COLUMN     "case_id" TEXT;

-- CreateIndex
CREATE INDEX "tasks_alarm_id_idx" ON "tasks"("alarm_id");

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_alarm_id_fkey" FOREIGN KEY ("alarm_id") REFERENCES "alarms"("id") ON DELETE SET NULL ON UPDATE CASCADE;
