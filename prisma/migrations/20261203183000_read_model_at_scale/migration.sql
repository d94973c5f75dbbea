-- Reads at scale (issue 13): indexes in the order of every list the API offers, and the dashboard's
-- aggregates, kept by triggers in the same transaction as every write (any writer: activities,
-- seeds, hand-run SQL), so the dashboard reads a few rows at any volume.
-- Generated part (scripts/migration-diff.ts), then the hand-written functions, triggers and backfills.

-- DropIndex
DROP INDEX "dossiers_cluster_id_idx";

-- CreateTable
CREATE TABLE "dossier_counts" (
    "stage" "dossier_stage" NOT NULL,
    "status" "dossier_status" NOT NULL,
    "dossiers" INTEGER NOT NULL,

    CONSTRAINT "dossier_counts_pkey" PRIMARY KEY ("stage","status")
);

-- CreateTable
CREATE TABLE "dossier_stage_entries" (
    "dossier_code" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "since" DATE NOT NULL,

    CONSTRAINT "dossier_stage_entries_pkey" PRIMARY KEY ("dossier_code")
);

-- CreateTable
CREATE TABLE "stage_duration_counts" (
    "left_on" DATE NOT NULL,
    "stage" TEXT NOT NULL,
    "working_days" INTEGER NOT NULL,
    "stays" INTEGER NOT NULL,

    CONSTRAINT "stage_duration_counts_pkey" PRIMARY KEY ("left_on","stage","working_days")
);

-- CreateTable
CREATE TABLE "working_day_index" (
    "day" DATE NOT NULL,
    "index" INTEGER NOT NULL,

    CONSTRAINT "working_day_index_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE INDEX "dossiers_filed_on_code_idx" ON "dossiers"("filed_on" DESC, "code");

-- CreateIndex
CREATE INDEX "dossiers_cluster_id_filed_on_code_idx" ON "dossiers"("cluster_id", "filed_on" DESC, "code");

-- CreateIndex
CREATE INDEX "dossiers_stage_filed_on_code_idx" ON "dossiers"("stage", "filed_on" DESC, "code");

-- CreateIndex
CREATE INDEX "dossiers_status_filed_on_code_idx" ON "dossiers"("status", "filed_on" DESC, "code");

-- CreateIndex
CREATE INDEX "tasks_status_assignee_id_due_on_idx" ON "tasks"("status", "assignee_id", "due_on");

-- CreateIndex
CREATE INDEX "tasks_status_role_due_on_idx" ON "tasks"("status", "role", "due_on");

-- CreateIndex
CREATE INDEX "tasks_status_department_id_due_on_idx" ON "tasks"("status", "department_id", "due_on");

-- ---------------------------------------------------------------------------------------------
-- Hand-written (schema.prisma cannot express functions and triggers; the drift test ignores them)
-- ---------------------------------------------------------------------------------------------

-- Working days in (a, b]: a subtraction on working_day_index, which db/working-day-calendar.ts keeps
-- equal to the calendar in force. A day outside it (before the seed's first year, after its last)
-- falls back to Monday–Friday.
CREATE FUNCTION "working_days_between"(a date, b date) RETURNS integer
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN b <= a THEN 0 ELSE COALESCE(
        (SELECT i."index" FROM "working_day_index" i WHERE i."day" = b) - (SELECT i."index" FROM "working_day_index" i WHERE i."day" = a),
        (SELECT count(*)::integer FROM generate_series(a + 1, b, interval '1 day') AS d WHERE extract(isodow FROM d) < 6)
    ) END
$$;

-- dossier_counts follows every insert, delete and stage/status change of a dossier. An update
-- touches its two rows in key order, so two transitions crossing each other's (stage, status)
-- queue on the first row instead of deadlocking.
CREATE FUNCTION "dossier_counts_maintain"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD."stage" = NEW."stage" AND OLD."status" = NEW."status" THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND (NEW."stage"::text, NEW."status"::text) < (OLD."stage"::text, OLD."status"::text) THEN
        INSERT INTO "dossier_counts" ("stage", "status", "dossiers") VALUES (NEW."stage", NEW."status", 1)
            ON CONFLICT ("stage", "status") DO UPDATE SET "dossiers" = "dossier_counts"."dossiers" + 1;
        UPDATE "dossier_counts" SET "dossiers" = "dossiers" - 1 WHERE "stage" = OLD."stage" AND "status" = OLD."status";
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE "dossier_counts" SET "dossiers" = "dossiers" - 1 WHERE "stage" = OLD."stage" AND "status" = OLD."status";
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO "dossier_counts" ("stage", "status", "dossiers") VALUES (NEW."stage", NEW."status", 1)
            ON CONFLICT ("stage", "status") DO UPDATE SET "dossiers" = "dossier_counts"."dossiers" + 1;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "dossiers_counts"
    AFTER INSERT OR DELETE OR UPDATE OF "stage", "status" ON "dossiers"
    FOR EACH ROW EXECUTE FUNCTION "dossier_counts_maintain"();

-- A dossier enters a stage with the audited Dossier event whose new value names it, and leaves it
-- with the next one naming another stage (the rule the dashboard's stage durations always had);
-- days are Vietnam dates (UTC+7). Each stay that ends is counted under the day it ended and the
-- working days it took, with the calendar in force at that moment.
CREATE FUNCTION "stage_durations_maintain"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    entered text := NEW."new_value"->>'stage';
    day date := (NEW."occurred_at" AT TIME ZONE INTERVAL '+07:00')::date;
    current record;
BEGIN
    IF jsonb_typeof(NEW."new_value"->'stage') IS DISTINCT FROM 'string' THEN
        RETURN NULL;
    END IF;
    SELECT "stage", "since" INTO current FROM "dossier_stage_entries" WHERE "dossier_code" = NEW."dossier_code" FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO "dossier_stage_entries" ("dossier_code", "stage", "since") VALUES (NEW."dossier_code", entered, day);
    ELSIF current."stage" <> entered THEN
        INSERT INTO "stage_duration_counts" ("left_on", "stage", "working_days", "stays")
            VALUES (day, current."stage", "working_days_between"(current."since", day), 1)
            ON CONFLICT ("left_on", "stage", "working_days") DO UPDATE SET "stays" = "stage_duration_counts"."stays" + 1;
        UPDATE "dossier_stage_entries" SET "stage" = entered, "since" = day WHERE "dossier_code" = NEW."dossier_code";
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "audit_events_stage_durations"
    AFTER INSERT ON "audit_events"
    FOR EACH ROW WHEN (NEW."entity_type" = 'Dossier' AND NEW."dossier_code" IS NOT NULL)
    EXECUTE FUNCTION "stage_durations_maintain"();

-- Rebuilds both stage tables from the audit trail (this migration, and db/working-day-calendar.ts
-- once working_day_index is first filled, so that durations recorded before it count holidays too).
CREATE FUNCTION "rebuild_stage_durations"() RETURNS void
LANGUAGE sql AS $$
    DELETE FROM "stage_duration_counts";
    DELETE FROM "dossier_stage_entries";
    WITH events AS (
        SELECT "id", "dossier_code", "new_value"->>'stage' AS stage, ("occurred_at" AT TIME ZONE INTERVAL '+07:00')::date AS day
        FROM "audit_events"
        WHERE "entity_type" = 'Dossier' AND "dossier_code" IS NOT NULL AND jsonb_typeof("new_value"->'stage') = 'string'
    ), entries AS (
        SELECT * FROM (
            SELECT e.*, lag(e.stage) OVER (PARTITION BY e."dossier_code" ORDER BY e."id") AS previous FROM events e
        ) x WHERE previous IS DISTINCT FROM stage
    ), stays AS (
        SELECT "dossier_code", stage, day AS since, lead(day) OVER (PARTITION BY "dossier_code" ORDER BY "id") AS left_on,
               row_number() OVER (PARTITION BY "dossier_code" ORDER BY "id" DESC) AS from_last
        FROM entries
    ), counted AS (
        INSERT INTO "stage_duration_counts" ("left_on", "stage", "working_days", "stays")
        SELECT left_on, stage, "working_days_between"(since, left_on), count(*)::integer
        FROM stays WHERE left_on IS NOT NULL GROUP BY 1, 2, 3
        RETURNING 1
    )
    INSERT INTO "dossier_stage_entries" ("dossier_code", "stage", "since")
    SELECT "dossier_code", stage, since FROM stays WHERE from_last = 1;
$$;

-- Backfill
INSERT INTO "dossier_counts" ("stage", "status", "dossiers")
SELECT "stage", "status", count(*)::integer FROM "dossiers" GROUP BY 1, 2;

SELECT "rebuild_stage_durations"();
