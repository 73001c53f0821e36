DROP INDEX "ideas_workspace_composite";--> statement-breakpoint
DROP INDEX "ideas_workspace_adjusted";--> statement-breakpoint
DROP INDEX "ideas_workspace_updated";--> statement-breakpoint
CREATE INDEX "ideas_workspace_composite" ON "ideas" USING btree ("workspace_id","score_composite" DESC NULLS LAST,"number" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ideas_workspace_adjusted" ON "ideas" USING btree ("workspace_id","score_adjusted" DESC NULLS LAST,"number" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ideas_workspace_updated" ON "ideas" USING btree ("workspace_id","updated_at" DESC NULLS LAST,"number" DESC NULLS LAST);