-- CreateTable
CREATE TABLE "SendSlot" (
    "id" SERIAL NOT NULL,
    "chatId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "SendSlot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SendGate" (
    "id" INTEGER NOT NULL,
    "pausedUntil" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SendGate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SendSlot_startedAt_idx" ON "SendSlot"("startedAt");

-- CreateIndex
CREATE INDEX "SendSlot_chatId_startedAt_idx" ON "SendSlot"("chatId", "startedAt");

-- CreateIndex
CREATE INDEX "ReminderClaim_personId_messageId_idx" ON "ReminderClaim"("personId", "messageId");
