-- A curator appointed by a roadmap's document is replaced when the document is imported again;
-- one appointed by hand for that roadmap (person add --roadmap) is not. Rows so far were treated
-- as the document's whenever they named a roadmap: they keep that meaning.
ALTER TABLE "Curatorship" ADD COLUMN "fromDocument" BOOLEAN NOT NULL DEFAULT false;
UPDATE "Curatorship" SET "fromDocument" = true WHERE "roadmapId" IS NOT NULL;
