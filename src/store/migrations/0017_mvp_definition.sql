-- The MVP definition in seven steps of an idea (context, user classes, stories with their cut, success), one
-- document per idea like its economics and PMF data: read whole, written whole under the idea's version.
ALTER TABLE "ideas" ADD COLUMN "mvp" jsonb;
