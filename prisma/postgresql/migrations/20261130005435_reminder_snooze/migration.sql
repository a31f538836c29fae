-- CreateTable
CREATE TABLE "ReminderSnooze" (
    "id" SERIAL NOT NULL,
    "assignmentId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReminderSnooze_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReminderSnooze_day_idx" ON "ReminderSnooze"("day");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderSnooze_assignmentId_personId_day_key" ON "ReminderSnooze"("assignmentId", "personId", "day");

-- AddForeignKey
ALTER TABLE "ReminderSnooze" ADD CONSTRAINT "ReminderSnooze_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
