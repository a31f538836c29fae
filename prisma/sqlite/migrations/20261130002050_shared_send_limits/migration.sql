-- CreateTable
CREATE TABLE "SendSlot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "chatId" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "answeredAt" DATETIME
);

-- CreateTable
CREATE TABLE "SendGate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "pausedUntil" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "SendSlot_startedAt_idx" ON "SendSlot"("startedAt");

-- CreateIndex
CREATE INDEX "SendSlot_chatId_startedAt_idx" ON "SendSlot"("chatId", "startedAt");

-- CreateIndex
CREATE INDEX "ReminderClaim_personId_messageId_idx" ON "ReminderClaim"("personId", "messageId");
