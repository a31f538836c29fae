-- CreateTable
CREATE TABLE "ReminderSnooze" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "assignmentId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReminderSnooze_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ReminderSnooze_day_idx" ON "ReminderSnooze"("day");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderSnooze_assignmentId_personId_day_key" ON "ReminderSnooze"("assignmentId", "personId", "day");
