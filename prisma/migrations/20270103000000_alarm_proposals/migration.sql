-- Approvals (issue 11 item 1) on the alarm side: a crime report's transfer to the competent
-- agency proposed and waiting for the bureau leader's approval (公安刑规 Art. 175).

-- AlterTable
ALTER TABLE "alarms" ADD COLUMN     "proposals" JSONB NOT NULL DEFAULT '[]';
