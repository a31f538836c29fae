-- A chat import's preview lives until its save commits; its state tells a restart what to report.
-- (ADD COLUMN rather than a table rebuild: other branches may add columns to this table too.)
ALTER TABLE "PendingImport" ADD COLUMN "state" TEXT NOT NULL DEFAULT 'preview';
ALTER TABLE "PendingImport" ADD COLUMN "stateAt" DATETIME;
ALTER TABLE "PendingImport" ADD COLUMN "targetRoadmapId" INTEGER;
ALTER TABLE "PendingImport" ADD COLUMN "savedRoadmapId" INTEGER;
ALTER TABLE "PendingImport" ADD COLUMN "outcome" TEXT;
