-- AlterTable
ALTER TABLE "Person" ADD COLUMN "unreachableSince" DATETIME;
