-- The roles are settled as owner, leader, contributor and viewer (enforced in src/api/policies.ts).
-- "lead" becomes "leader"; "member" becomes "contributor", which is what a member could do.
UPDATE "members" SET "role" = 'leader' WHERE "role" = 'lead';--> statement-breakpoint
UPDATE "members" SET "role" = 'contributor' WHERE "role" = 'member';
