-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "round_status" ADD VALUE 'COMPILATION' BEFORE 'APPRAISAL';
ALTER TYPE "round_status" ADD VALUE 'REPORT' AFTER 'APPRAISAL';
ALTER TYPE "round_status" ADD VALUE 'DECISION' AFTER 'REPORT';
ALTER TYPE "round_status" ADD VALUE 'NO_INVESTOR' AFTER 'DECIDED';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "task_kind" ADD VALUE 'CALL_ANNOUNCEMENT' BEFORE 'COMPLETENESS_CHECK';
ALTER TYPE "task_kind" ADD VALUE 'DOSSIER_SUBMISSION' AFTER 'CALL_ANNOUNCEMENT';
ALTER TYPE "task_kind" ADD VALUE 'CATALOGUE_FIX' AFTER 'DOSSIER_SUBMISSION';

-- DropForeignKey
ALTER TABLE "tasks" DROP CONSTRAINT "tasks_dossier_id_fkey";

-- AlterTable
ALTER TABLE "selection_rounds" ADD COLUMN     "announcement" JSONB,
ADD COLUMN     "code" TEXT,
ADD COLUMN     "deadlines" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "number" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "report" JSONB,
ADD COLUMN     "submitted_on" DATE;

-- AlterTable
ALTER TABLE "tasks" ADD COLUMN     "round_id" UUID,
ALTER COLUMN "dossier_id" DROP NOT NULL;

-- Rounds recorded before rounds had numbers: numbered per cluster in order of opening.
UPDATE "selection_rounds" AS r
SET "number" = x.n, "code" = c."code" || '-R' || x.n
FROM (SELECT "id", row_number() OVER (PARTITION BY "cluster_id" ORDER BY "opened_on", "created_at") AS n FROM "selection_rounds") AS x,
     "clusters" AS c
WHERE x."id" = r."id" AND c."id" = r."cluster_id";

-- CreateIndex
CREATE UNIQUE INDEX "selection_rounds_code_key" ON "selection_rounds"("code");

-- CreateIndex
CREATE UNIQUE INDEX "selection_rounds_cluster_id_number_key" ON "selection_rounds"("cluster_id", "number");

-- CreateIndex
CREATE INDEX "tasks_round_id_idx" ON "tasks"("round_id");

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_dossier_id_fkey" FOREIGN KEY ("dossier_id") REFERENCES "dossiers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "selection_rounds"("id") ON DELETE SET NULL ON UPDATE CASCADE;

