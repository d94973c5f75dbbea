-- CreateEnum
CREATE TYPE "role" AS ENUM ('INTAKE_OFFICER', 'REVIEWER', 'APPRAISER', 'COUNCIL_MEMBER', 'MANAGER', 'ADMIN');

-- CreateEnum
CREATE TYPE "council_role" AS ENUM ('CHAIR', 'VICE_CHAIR', 'MEMBER', 'SECRETARY');

-- CreateEnum
CREATE TYPE "round_status" AS ENUM ('CALL_PENDING', 'WINDOW_OPEN', 'APPRAISAL', 'DECIDED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "dossier_stage" AS ENUM ('APPLICATION', 'PUBLIC_CALL', 'COMPILATION', 'COMPLETENESS_CHECK', 'SUPPLEMENT_REQUESTED', 'DEPARTMENT_OPINIONS', 'SCREENING', 'SCORING', 'APPRAISAL_REPORT', 'DECISION', 'MONITORING', 'CLOSED');

-- CreateEnum
CREATE TYPE "dossier_status" AS ENUM ('ACTIVE', 'ON_HOLD', 'APPROVED', 'REJECTED', 'RETURNED', 'REFUSED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "task_kind" AS ENUM ('COMPLETENESS_CHECK', 'SUPPLEMENT_REVIEW', 'DEPARTMENT_OPINION', 'ELIGIBILITY_SCREENING', 'COUNCIL_SCORING', 'APPRAISAL_REPORT', 'DECISION');

-- CreateEnum
CREATE TYPE "task_status" AS ENUM ('OPEN', 'DONE', 'CANCELLED', 'DEEMED');

-- CreateEnum
CREATE TYPE "opinion_verdict" AS ENUM ('AGREE', 'AGREE_WITH_CONDITIONS', 'OBJECT', 'DEEMED_CONSENT');

-- CreateEnum
CREATE TYPE "decision_outcome" AS ENUM ('APPROVE', 'REJECT', 'RETURN');

-- CreateEnum
CREATE TYPE "calendar_source" AS ENUM ('SEED', 'ADMIN');

-- CreateTable
CREATE TABLE "clusters" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "district" TEXT NOT NULL,
    "area_ha" DECIMAL(8,2) NOT NULL,
    "mountainous" BOOLEAN NOT NULL DEFAULT false,
    "craft_village" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "clusters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "applicants" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "tax_code" TEXT NOT NULL,
    "contact_email" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "applicants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "departments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "departments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "username" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "full_name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "department_id" UUID,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_roles" (
    "user_id" UUID NOT NULL,
    "role" "role" NOT NULL,

    CONSTRAINT "user_roles_pkey" PRIMARY KEY ("user_id","role")
);

-- CreateTable
CREATE TABLE "council_memberships" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "round_id" UUID,
    "council_role" "council_role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "council_memberships_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "selection_rounds" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "cluster_id" UUID NOT NULL,
    "rule_set_id" TEXT NOT NULL,
    "status" "round_status" NOT NULL DEFAULT 'CALL_PENDING',
    "opened_on" DATE NOT NULL,
    "announcement_due_on" DATE,
    "window_closes_on" DATE,
    "closed_on" DATE,
    "winner_dossier_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "selection_rounds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dossiers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" TEXT NOT NULL,
    "workflow_id" TEXT,
    "project_title" TEXT NOT NULL,
    "round_id" UUID NOT NULL,
    "cluster_id" UUID NOT NULL,
    "applicant_id" UUID NOT NULL,
    "rule_set_id" TEXT NOT NULL,
    "filed_on" DATE NOT NULL,
    "stage" "dossier_stage" NOT NULL DEFAULT 'APPLICATION',
    "status" "dossier_status" NOT NULL DEFAULT 'ACTIVE',
    "facts" JSONB NOT NULL DEFAULT '{}',
    "deadlines" JSONB NOT NULL DEFAULT '{}',
    "clock" JSONB NOT NULL DEFAULT '{}',
    "screening" JSONB,
    "version" INTEGER NOT NULL DEFAULT 1,
    "idempotency_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dossiers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tasks" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "dossier_id" UUID NOT NULL,
    "kind" "task_kind" NOT NULL,
    "department_id" UUID,
    "assignee_id" UUID,
    "role" "role",
    "status" "task_status" NOT NULL DEFAULT 'OPEN',
    "due_on" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "opinions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "dossier_id" UUID NOT NULL,
    "department_id" UUID NOT NULL,
    "verdict" "opinion_verdict" NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "deemed" BOOLEAN NOT NULL DEFAULT false,
    "given_by_id" UUID,
    "given_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "opinions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scores" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "round_id" UUID NOT NULL,
    "dossier_id" UUID NOT NULL,
    "member_id" UUID NOT NULL,
    "criteria" JSONB NOT NULL,
    "total" DECIMAL(6,2) NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "scores_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decisions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "round_id" UUID NOT NULL,
    "outcome" "decision_outcome" NOT NULL,
    "winner_dossier_id" UUID,
    "reason" TEXT NOT NULL DEFAULT '',
    "decided_by_id" UUID NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "calendar_entries" (
    "date" DATE NOT NULL,
    "working" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "source" "calendar_source" NOT NULL,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "calendar_entries_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "mail_outbox" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "idempotency_key" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "dossier_code" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "mail_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_records" (
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "response_status" INTEGER,
    "response_body" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "dossier_code" TEXT,
    "old_value" JSONB,
    "new_value" JSONB,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "clusters_code_key" ON "clusters"("code");

-- CreateIndex
CREATE UNIQUE INDEX "applicants_tax_code_key" ON "applicants"("tax_code");

-- CreateIndex
CREATE UNIQUE INDEX "departments_code_key" ON "departments"("code");

-- CreateIndex
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");

-- CreateIndex
CREATE INDEX "users_department_id_idx" ON "users"("department_id");

-- CreateIndex
CREATE INDEX "user_roles_role_idx" ON "user_roles"("role");

-- CreateIndex
CREATE INDEX "council_memberships_user_id_idx" ON "council_memberships"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "council_memberships_round_id_user_id_key" ON "council_memberships"("round_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "selection_rounds_winner_dossier_id_key" ON "selection_rounds"("winner_dossier_id");

-- CreateIndex
CREATE INDEX "selection_rounds_cluster_id_status_idx" ON "selection_rounds"("cluster_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "dossiers_code_key" ON "dossiers"("code");

-- CreateIndex
CREATE UNIQUE INDEX "dossiers_workflow_id_key" ON "dossiers"("workflow_id");

-- CreateIndex
CREATE UNIQUE INDEX "dossiers_idempotency_key_key" ON "dossiers"("idempotency_key");

-- CreateIndex
CREATE INDEX "dossiers_round_id_idx" ON "dossiers"("round_id");

-- CreateIndex
CREATE INDEX "dossiers_applicant_id_idx" ON "dossiers"("applicant_id");

-- CreateIndex
CREATE INDEX "dossiers_cluster_id_idx" ON "dossiers"("cluster_id");

-- CreateIndex
CREATE INDEX "dossiers_status_stage_idx" ON "dossiers"("status", "stage");

-- CreateIndex
CREATE INDEX "tasks_status_due_on_idx" ON "tasks"("status", "due_on");

-- CreateIndex
CREATE INDEX "tasks_dossier_id_idx" ON "tasks"("dossier_id");

-- CreateIndex
CREATE INDEX "tasks_assignee_id_status_idx" ON "tasks"("assignee_id", "status");

-- CreateIndex
CREATE INDEX "tasks_department_id_status_idx" ON "tasks"("department_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "opinions_dossier_id_department_id_key" ON "opinions"("dossier_id", "department_id");

-- CreateIndex
CREATE INDEX "scores_round_id_idx" ON "scores"("round_id");

-- CreateIndex
CREATE INDEX "scores_dossier_id_idx" ON "scores"("dossier_id");

-- CreateIndex
CREATE UNIQUE INDEX "scores_member_id_dossier_id_key" ON "scores"("member_id", "dossier_id");

-- CreateIndex
CREATE INDEX "decisions_round_id_idx" ON "decisions"("round_id");

-- CreateIndex
CREATE UNIQUE INDEX "mail_outbox_idempotency_key_key" ON "mail_outbox"("idempotency_key");

-- CreateIndex
CREATE INDEX "mail_outbox_sent_at_idx" ON "mail_outbox"("sent_at");

-- CreateIndex
CREATE INDEX "idempotency_records_created_at_idx" ON "idempotency_records"("created_at");

-- CreateIndex
CREATE INDEX "audit_events_dossier_code_occurred_at_idx" ON "audit_events"("dossier_code", "occurred_at");

-- CreateIndex
CREATE INDEX "audit_events_entity_type_entity_id_idx" ON "audit_events"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events"("occurred_at");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "council_memberships" ADD CONSTRAINT "council_memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "council_memberships" ADD CONSTRAINT "council_memberships_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "selection_rounds"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "selection_rounds" ADD CONSTRAINT "selection_rounds_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "selection_rounds" ADD CONSTRAINT "selection_rounds_winner_dossier_id_fkey" FOREIGN KEY ("winner_dossier_id") REFERENCES "dossiers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "selection_rounds"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_applicant_id_fkey" FOREIGN KEY ("applicant_id") REFERENCES "applicants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_dossier_id_fkey" FOREIGN KEY ("dossier_id") REFERENCES "dossiers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "opinions" ADD CONSTRAINT "opinions_dossier_id_fkey" FOREIGN KEY ("dossier_id") REFERENCES "dossiers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "opinions" ADD CONSTRAINT "opinions_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "opinions" ADD CONSTRAINT "opinions_given_by_id_fkey" FOREIGN KEY ("given_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scores" ADD CONSTRAINT "scores_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "selection_rounds"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scores" ADD CONSTRAINT "scores_dossier_id_fkey" FOREIGN KEY ("dossier_id") REFERENCES "dossiers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scores" ADD CONSTRAINT "scores_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "selection_rounds"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_winner_dossier_id_fkey" FOREIGN KEY ("winner_dossier_id") REFERENCES "dossiers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calendar_entries" ADD CONSTRAINT "calendar_entries_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

