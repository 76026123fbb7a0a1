-- Approvals (issue 11 item 1): the decisions proposed on a case and waiting for their approvers
-- (审批); and, shown beside the route the procuratorate decided, the route the police suggested
-- and the suspect's 认罪认罚具结书 (item 4), which the read model did not hold.

-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "proposals" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "suggested_route" TEXT,
ADD COLUMN     "plea_agreement" JSONB;
