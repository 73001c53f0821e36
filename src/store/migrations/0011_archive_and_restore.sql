ALTER TABLE "assumptions" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "competitors" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dismissals" ADD COLUMN "restored_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dismissals" ADD COLUMN "restored_by" uuid;--> statement-breakpoint
ALTER TABLE "experiments" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "archived_by" uuid;--> statement-breakpoint
CREATE INDEX "ideas_workspace_archived" ON "ideas" USING btree ("workspace_id") WHERE "ideas"."archived_at" is not null;