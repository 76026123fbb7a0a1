-- The alarm side (issue 11 item 2): the reporter's contact for the receipt (回执), the scene
-- handling after which the report is registered, and the handover of a transferred alarm.

-- AlterTable
ALTER TABLE "alarms" ADD COLUMN     "reporter_contact" TEXT,
ADD COLUMN     "scene_handled_at" TIMESTAMPTZ(3),
ADD COLUMN     "handover_received_by" TEXT,
ADD COLUMN     "handover_agency" TEXT,
ADD COLUMN     "handed_over_at" TIMESTAMPTZ(3);
