-- CreateTable
CREATE TABLE "Absence" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "standInId" INTEGER,
    "byPersonId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "Absence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Absence_personId_to_idx" ON "Absence"("personId", "to");

-- CreateIndex
CREATE INDEX "Absence_standInId_idx" ON "Absence"("standInId");

-- AddForeignKey
ALTER TABLE "Absence" ADD CONSTRAINT "Absence_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Absence" ADD CONSTRAINT "Absence_standInId_fkey" FOREIGN KEY ("standInId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;
