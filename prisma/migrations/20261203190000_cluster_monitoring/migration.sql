-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "task_kind" ADD VALUE 'MONITORING_MILESTONE';
ALTER TYPE "task_kind" ADD VALUE 'PERIODIC_REPORT';
ALTER TYPE "task_kind" ADD VALUE 'REMEDIATION';
ALTER TYPE "task_kind" ADD VALUE 'ESCALATION_DECISION';
ALTER TYPE "task_kind" ADD VALUE 'CONVERSION_PLAN';

-- CreateTable
CREATE TABLE "monitored_clusters" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "cluster_id" UUID NOT NULL,
    "dossier_id" UUID NOT NULL,
    "round_code" TEXT NOT NULL,
    "schedule_id" TEXT NOT NULL,
    "decided_on" DATE NOT NULL,
    "stage" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "leased_ha" DECIMAL(8,2),
    "occupancy_hundredths" INTEGER,
    "low_occupancy" BOOLEAN NOT NULL DEFAULT false,
    "environmental_infrastructure_on" DATE,
    "withdrawn_on" DATE,
    "withdrawal" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "monitored_clusters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cluster_milestones" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "monitored_cluster_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "due_on" DATE NOT NULL,
    "deadline" JSONB NOT NULL,
    "achieved_on" DATE,
    "recorded_by" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "cancelled" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "cluster_milestones_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cluster_reports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "monitored_cluster_id" UUID NOT NULL,
    "period_end" DATE NOT NULL,
    "due_on" DATE NOT NULL,
    "received_on" DATE,
    "recorded_by" TEXT,
    "leased_ha" DECIMAL(8,2),
    "occupancy_hundredths" INTEGER,
    "tenants" JSONB NOT NULL DEFAULT '[]',
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "cluster_reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cluster_inspections" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "monitored_cluster_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "area" TEXT NOT NULL,
    "tenant" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "inspected_on" DATE NOT NULL,
    "findings" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,

    CONSTRAINT "cluster_inspections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cluster_violations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "monitored_cluster_id" UUID NOT NULL,
    "inspection_id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "remediation_due_on" DATE NOT NULL,
    "step" TEXT,
    "steps" JSONB NOT NULL DEFAULT '[]',
    "remedied_on" DATE,

    CONSTRAINT "cluster_violations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "monitored_clusters_cluster_id_key" ON "monitored_clusters"("cluster_id");

-- CreateIndex
CREATE UNIQUE INDEX "monitored_clusters_dossier_id_key" ON "monitored_clusters"("dossier_id");

-- CreateIndex
CREATE INDEX "monitored_clusters_stage_idx" ON "monitored_clusters"("stage");

-- CreateIndex
CREATE INDEX "cluster_milestones_due_on_idx" ON "cluster_milestones"("due_on");

-- CreateIndex
CREATE UNIQUE INDEX "cluster_milestones_monitored_cluster_id_kind_key" ON "cluster_milestones"("monitored_cluster_id", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "cluster_reports_monitored_cluster_id_period_end_key" ON "cluster_reports"("monitored_cluster_id", "period_end");

-- CreateIndex
CREATE UNIQUE INDEX "cluster_inspections_monitored_cluster_id_number_key" ON "cluster_inspections"("monitored_cluster_id", "number");

-- CreateIndex
CREATE INDEX "cluster_violations_status_area_idx" ON "cluster_violations"("status", "area");

-- CreateIndex
CREATE UNIQUE INDEX "cluster_violations_monitored_cluster_id_number_key" ON "cluster_violations"("monitored_cluster_id", "number");

-- AddForeignKey
ALTER TABLE "monitored_clusters" ADD CONSTRAINT "monitored_clusters_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "monitored_clusters" ADD CONSTRAINT "monitored_clusters_dossier_id_fkey" FOREIGN KEY ("dossier_id") REFERENCES "dossiers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cluster_milestones" ADD CONSTRAINT "cluster_milestones_monitored_cluster_id_fkey" FOREIGN KEY ("monitored_cluster_id") REFERENCES "monitored_clusters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cluster_reports" ADD CONSTRAINT "cluster_reports_monitored_cluster_id_fkey" FOREIGN KEY ("monitored_cluster_id") REFERENCES "monitored_clusters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cluster_inspections" ADD CONSTRAINT "cluster_inspections_monitored_cluster_id_fkey" FOREIGN KEY ("monitored_cluster_id") REFERENCES "monitored_clusters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cluster_violations" ADD CONSTRAINT "cluster_violations_monitored_cluster_id_fkey" FOREIGN KEY ("monitored_cluster_id") REFERENCES "monitored_clusters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cluster_violations" ADD CONSTRAINT "cluster_violations_inspection_id_fkey" FOREIGN KEY ("inspection_id") REFERENCES "cluster_inspections"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

