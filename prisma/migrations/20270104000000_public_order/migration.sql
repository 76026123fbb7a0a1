-- The public-order procedure (issue 11 item 3): the procedure a 治安 case is handled by (快速办理
-- or the normal one) and when its person first arrived after a summons (到案), from which the
-- fast procedure's 48 hours run.

-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "admin_procedure" TEXT,
ADD COLUMN     "arrived_at" TIMESTAMPTZ(3);
