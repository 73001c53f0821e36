-- Similar ideas are found through an index in each server's memory (src/app/similar.ts). It must know when
-- another process (a second server, the CLI writing directly) changed an idea's searchable text: these
-- triggers bump the workspace's text_version in the writing transaction and log the ideas changed under it
-- (their text, or whether they are merged or archived: merged and archived ideas are never suggested).
-- The bump updates the workspace row, so writers of one workspace's texts serialise on it and versions follow
-- commit order: an index at version v that reads versions above v in the log misses nothing. Statement
-- triggers with transition tables: an import of 10k rows bumps once. Only rows whose text really changed
-- count, so score recomputations and stage moves neither bump nor lock the workspace.
CREATE TABLE "idea_text_log" (
	"workspace_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"idea_id" uuid NOT NULL,
	CONSTRAINT "idea_text_log_workspace_id_version_idea_id_pk" PRIMARY KEY("workspace_id","version","idea_id")
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "text_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "idea_text_log" ADD CONSTRAINT "idea_text_log_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE FUNCTION "idea_text_changed"(changed_ws uuid[], changed_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- A workspace being deleted is not bumped (its row is gone), and its ideas are not logged.
  WITH changed AS (
    SELECT DISTINCT c.w, c.i FROM unnest(changed_ws, changed_ids) AS c(w, i)
  ), bumped AS (
    UPDATE workspaces SET text_version = text_version + 1
    WHERE id IN (SELECT w FROM changed)
    RETURNING id, text_version
  ), pruned AS (
    DELETE FROM idea_text_log l USING bumped b
    WHERE l.workspace_id = b.id AND l.version <= b.text_version - 1000
  )
  INSERT INTO idea_text_log (workspace_id, version, idea_id)
  SELECT b.id, b.text_version, c.i FROM changed c JOIN bumped b ON b.id = c.w;
END $$;
--> statement-breakpoint
CREATE FUNCTION "ideas_text_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ws uuid[]; ids uuid[];
BEGIN
  SELECT array_agg(workspace_id), array_agg(id) INTO ws, ids FROM new_rows;
  IF ids IS NOT NULL THEN PERFORM idea_text_changed(ws, ids); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "ideas_text_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ws uuid[]; ids uuid[];
BEGIN
  -- An idea moved to another workspace changed in both.
  SELECT array_agg(c.w), array_agg(c.i) INTO ws, ids FROM (
    SELECT o.workspace_id AS ow, n.workspace_id AS nw, n.id AS i
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.title, o.description, o.merged_into_id, o.archived_at IS NULL, o.workspace_id)
      IS DISTINCT FROM (n.title, n.description, n.merged_into_id, n.archived_at IS NULL, n.workspace_id)
  ) x CROSS JOIN LATERAL (VALUES (x.ow, x.i), (x.nw, x.i)) AS c(w, i);
  IF ids IS NOT NULL THEN PERFORM idea_text_changed(ws, ids); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "ideas_text_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ws uuid[]; ids uuid[];
BEGIN
  SELECT array_agg(workspace_id), array_agg(id) INTO ws, ids FROM old_rows;
  IF ids IS NOT NULL THEN PERFORM idea_text_changed(ws, ids); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "ideas_text_insert" AFTER INSERT ON "ideas" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "ideas_text_inserted"();
--> statement-breakpoint
CREATE TRIGGER "ideas_text_update" AFTER UPDATE ON "ideas" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "ideas_text_updated"();
--> statement-breakpoint
CREATE TRIGGER "ideas_text_delete" AFTER DELETE ON "ideas" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "ideas_text_deleted"();
