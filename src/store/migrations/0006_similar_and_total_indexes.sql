-- Similar ideas: the search document gets its own trigram index, so `%>` finds candidates instead of a score over
-- every row. Idea lists: merged ideas are few, and counting them is what an exact total then costs.
CREATE INDEX "ideas_text_trgm" ON "ideas" USING gin (("title" || ' ' || left("description", 300)) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "ideas_workspace_merged" ON "ideas" USING btree ("workspace_id") WHERE "ideas"."merged_into_id" is not null;