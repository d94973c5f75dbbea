-- The reviewers' shared pool (open tasks for the REVIEWER role naming no department, assigned to
-- nobody) in due-date order. The index on (status, role, due_on) serves it only by reading every open
-- reviewer task of every department and discarding those that name one (1,920 of 2,400 at the
-- benchmark's scale, at every inbox request of every reviewer). A partial index: Prisma's schema
-- cannot say it, so the drift test lists it as hand-written.
CREATE INDEX "tasks_open_reviewer_pool" ON "tasks"("due_on", "created_at", "id")
  WHERE "status" = 'OPEN' AND "role" = 'REVIEWER' AND "department_id" IS NULL AND "assignee_id" IS NULL;
