-- AlterTable
ALTER TABLE "Item" ADD COLUMN "everyDay" INTEGER;
