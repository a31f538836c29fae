-- CreateTable
CREATE TABLE "ItemChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "itemId" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "oldText" TEXT,
    "newText" TEXT,
    "byPersonId" INTEGER,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ItemChange_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ItemChange_byPersonId_fkey" FOREIGN KEY ("byPersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ItemChange_itemId_at_idx" ON "ItemChange"("itemId", "at");

