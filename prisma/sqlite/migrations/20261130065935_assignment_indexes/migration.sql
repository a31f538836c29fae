-- DropIndex
DROP INDEX "Assignment_itemId_idx";

-- DropIndex
DROP INDEX "Assignment_schoolId_idx";

-- CreateIndex
CREATE INDEX "Assignment_itemId_status_dueOverride_idx" ON "Assignment"("itemId", "status", "dueOverride");

-- CreateIndex
CREATE INDEX "Assignment_schoolId_itemId_idx" ON "Assignment"("schoolId", "itemId");
