-- AlterTable
ALTER TABLE "ProcessedUpdate" ADD COLUMN "chatId" TEXT;
ALTER TABLE "ProcessedUpdate" ADD COLUMN "finishedAt" DATETIME;
ALTER TABLE "ProcessedUpdate" ADD COLUMN "seq" BIGINT;

-- CreateIndex
CREATE INDEX "ProcessedUpdate_chatId_finishedAt_seq_idx" ON "ProcessedUpdate"("chatId", "finishedAt", "seq");
