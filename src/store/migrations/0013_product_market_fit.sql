-- Product-market fit measurements of an idea (survey counts, retention cohorts, organic share, guards), one
-- document per idea like its economics: read whole, written whole under the idea's version.
ALTER TABLE "ideas" ADD COLUMN "pmf" jsonb;
