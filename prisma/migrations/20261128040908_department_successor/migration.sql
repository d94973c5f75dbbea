-- AlterTable
ALTER TABLE "departments" ADD COLUMN     "successor_code" TEXT;


-- Data: the successors of the departments dissolved in 2025 (DOMAIN.md section 2), for databases
-- seeded before this column existed. New databases get them from db/seed/reference-data.ts.
UPDATE "departments" SET "successor_code" = 'DOF' WHERE "code" = 'DPI' AND "successor_code" IS NULL;
UPDATE "departments" SET "successor_code" = 'DAE' WHERE "code" IN ('DONRE', 'DARD') AND "successor_code" IS NULL;
UPDATE "departments" SET "successor_code" = 'COMMUNE_PC' WHERE "code" = 'DISTRICT_PC' AND "successor_code" IS NULL;
