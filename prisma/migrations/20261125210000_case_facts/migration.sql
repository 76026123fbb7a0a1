-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "court_accepted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "prosecution_accepted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "supplementary_returns" INTEGER NOT NULL DEFAULT 0;
