CREATE TABLE "career_ladders" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"ladder" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "development_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"cycle_id" uuid,
	"plan" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "one_on_ones" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"mentor_id" uuid NOT NULL,
	"mentee_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"actions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pulse_answers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"answers" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pulse_respondents" (
	"round_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	CONSTRAINT "pulse_respondents_round_id_member_id_pk" PRIMARY KEY("round_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "pulse_rounds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"opened_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trait_cycles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trait_evidence_opt_ins" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trait_raters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"cycle_id" uuid NOT NULL,
	"rater_group" text NOT NULL,
	"member_id" uuid,
	"link_hash" text,
	"label" text,
	"manager_consent" boolean DEFAULT false NOT NULL,
	"answered" boolean DEFAULT false NOT NULL,
	CONSTRAINT "trait_raters_link_hash_unique" UNIQUE("link_hash")
);
--> statement-breakpoint
CREATE TABLE "trait_ratings" (
	"rater_id" uuid NOT NULL,
	"trait" text NOT NULL,
	"score" integer NOT NULL,
	"example" text,
	CONSTRAINT "trait_ratings_rater_id_trait_pk" PRIMARY KEY("rater_id","trait")
);
--> statement-breakpoint
CREATE TABLE "trait_shares" (
	"workspace_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"viewer_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trait_shares_subject_id_viewer_id_pk" PRIMARY KEY("subject_id","viewer_id")
);
--> statement-breakpoint
ALTER TABLE "career_ladders" ADD CONSTRAINT "career_ladders_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_plans" ADD CONSTRAINT "development_plans_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_plans" ADD CONSTRAINT "development_plans_subject_id_members_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "development_plans" ADD CONSTRAINT "development_plans_cycle_id_trait_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."trait_cycles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "one_on_ones" ADD CONSTRAINT "one_on_ones_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "one_on_ones" ADD CONSTRAINT "one_on_ones_mentor_id_members_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "one_on_ones" ADD CONSTRAINT "one_on_ones_mentee_id_members_id_fk" FOREIGN KEY ("mentee_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_answers" ADD CONSTRAINT "pulse_answers_round_id_pulse_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."pulse_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_respondents" ADD CONSTRAINT "pulse_respondents_round_id_pulse_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."pulse_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_respondents" ADD CONSTRAINT "pulse_respondents_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_rounds" ADD CONSTRAINT "pulse_rounds_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trait_cycles" ADD CONSTRAINT "trait_cycles_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trait_cycles" ADD CONSTRAINT "trait_cycles_subject_id_members_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trait_evidence_opt_ins" ADD CONSTRAINT "trait_evidence_opt_ins_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trait_raters" ADD CONSTRAINT "trait_raters_cycle_id_trait_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."trait_cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trait_raters" ADD CONSTRAINT "trait_raters_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trait_ratings" ADD CONSTRAINT "trait_ratings_rater_id_trait_raters_id_fk" FOREIGN KEY ("rater_id") REFERENCES "public"."trait_raters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trait_shares" ADD CONSTRAINT "trait_shares_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trait_shares" ADD CONSTRAINT "trait_shares_subject_id_members_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trait_shares" ADD CONSTRAINT "trait_shares_viewer_id_members_id_fk" FOREIGN KEY ("viewer_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "development_plans_subject" ON "development_plans" USING btree ("subject_id","created_at");--> statement-breakpoint
CREATE INDEX "one_on_ones_pair" ON "one_on_ones" USING btree ("mentor_id","mentee_id","held_on");--> statement-breakpoint
CREATE INDEX "pulse_answers_round" ON "pulse_answers" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "pulse_rounds_workspace" ON "pulse_rounds" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "trait_cycles_subject" ON "trait_cycles" USING btree ("subject_id","created_at");--> statement-breakpoint
CREATE INDEX "trait_raters_cycle" ON "trait_raters" USING btree ("cycle_id");--> statement-breakpoint
CREATE INDEX "trait_raters_member" ON "trait_raters" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "trait_shares_viewer" ON "trait_shares" USING btree ("viewer_id");