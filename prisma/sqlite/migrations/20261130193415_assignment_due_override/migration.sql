-- CreateIndex
CREATE INDEX "Assignment_dueOverride_idx" ON "Assignment"("dueOverride");
