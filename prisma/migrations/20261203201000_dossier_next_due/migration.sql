-- A dossier's earliest open due date, kept in the transaction of every task change, so "overdue"
-- (next_due before today) is read from the dossier's own row: the overdue list walks the dossiers with
-- open tasks in list order and stops at its page, the dashboard counts a range of an index.
ALTER TABLE "dossiers" ADD COLUMN "next_due" DATE;

UPDATE "dossiers" AS d SET "next_due" = t.next_due
FROM (SELECT "dossier_id", min("due_on") AS next_due FROM "tasks" WHERE "status" = 'OPEN' AND "dossier_id" IS NOT NULL GROUP BY "dossier_id") AS t
WHERE t."dossier_id" = d."id";

CREATE INDEX "dossiers_next_due_idx" ON "dossiers"("next_due");
CREATE INDEX "dossiers_open_list" ON "dossiers"("filed_on" DESC, "code") WHERE "next_due" IS NOT NULL;

CREATE FUNCTION "dossier_next_due_refresh"(target uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  earliest date;
BEGIN
  SELECT min("due_on") INTO earliest FROM "tasks" WHERE "dossier_id" = target AND "status" = 'OPEN';
  -- Only a changed date writes (and locks) the dossier's row.
  UPDATE "dossiers" SET "next_due" = earliest WHERE "id" = target AND "next_due" IS DISTINCT FROM earliest;
END;
$$;

CREATE FUNCTION "tasks_next_due_maintain"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."dossier_id" IS NOT NULL THEN
    PERFORM "dossier_next_due_refresh"(OLD."dossier_id");
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."dossier_id" IS NOT NULL AND (TG_OP = 'INSERT' OR NEW."dossier_id" IS DISTINCT FROM OLD."dossier_id") THEN
    PERFORM "dossier_next_due_refresh"(NEW."dossier_id");
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "tasks_next_due"
  AFTER INSERT OR DELETE OR UPDATE OF "status", "due_on", "dossier_id" ON "tasks"
  FOR EACH ROW EXECUTE FUNCTION "tasks_next_due_maintain"();
