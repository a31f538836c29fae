-- AlterTable
ALTER TABLE "ProcessedUpdate" ADD COLUMN     "chatId" TEXT,
ADD COLUMN     "finishedAt" TIMESTAMP(3),
ADD COLUMN     "seq" BIGINT;

-- CreateIndex
CREATE INDEX "ProcessedUpdate_chatId_finishedAt_seq_idx" ON "ProcessedUpdate"("chatId", "finishedAt", "seq");
