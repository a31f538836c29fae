-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "unreachableSince" TIMESTAMP(3);
