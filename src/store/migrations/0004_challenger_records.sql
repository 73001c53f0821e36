CREATE TABLE "dismissals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"idea_id" uuid NOT NULL,
	"rule_id" text NOT NULL,
	"subject" text,
	"reason" text NOT NULL,
	"dismissed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "recommendation" jsonb;--> statement-breakpoint
ALTER TABLE "dismissals" ADD CONSTRAINT "dismissals_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dismissals_idea" ON "dismissals" USING btree ("idea_id");