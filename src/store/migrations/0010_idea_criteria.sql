ALTER TABLE "ideas" ADD COLUMN "success_metrics" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "kill_criteria" jsonb DEFAULT '[]'::jsonb NOT NULL;