-- Our own product's capability ratings (0..5, the scale competitors are rated on) and the launch plan (the ask,
-- the team, the go-to-market plan): one document each per idea, like its economics, written under its version.
ALTER TABLE "ideas" ADD COLUMN "capabilities" jsonb;--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "launch_plan" jsonb;
