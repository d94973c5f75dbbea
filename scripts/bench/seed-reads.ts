/**
 * Seeds the read model at scale with set-based SQL (generate_series), for `npm run bench:reads`:
 * dossiers filed over ten years (most closed, the newest in every stage), their applicants and
 * rounds, done tasks of the archive, the open tasks of today's work (an intake inbox of its own
 * size), and an audit trail of Dossier stage events that the database's triggers turn into the
 * dashboard's aggregates, as they do for real writes.
 */
import type { Client } from 'pg';

export interface ReadsScale {
  dossiers: number;
  auditEvents: number;
  /** Open tasks of the intake officers' pool (the inbox the bench reads as `intake`). */
  intakeInbox: number;
  /** Other open tasks: reviewers of the consulted departments, appraisers, managers. */
  otherOpenTasks: number;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The procedure's stages in order: each dossier's audit trail walks them, one event every 3 days. */
const TRAIL = ['APPLICATION', 'PUBLIC_CALL', 'COMPILATION', 'COMPLETENESS_CHECK', 'DEPARTMENT_OPINIONS', 'SCREENING', 'SCORING', 'APPRAISAL_REPORT', 'DECISION', 'CLOSED'];
const ACTIVE_STAGES = ['COMPLETENESS_CHECK', 'DEPARTMENT_OPINIONS', 'SCREENING', 'SCORING', 'SUPPLEMENT_REQUESTED', 'APPRAISAL_REPORT', 'DECISION', 'COMPILATION'];
const CLOSED_STATUSES = ['APPROVED', 'REJECTED', 'WITHDRAWN', 'REFUSED'];
const REVIEWER_DEPARTMENTS = ['DOF', 'DAE', 'DOC', 'POLICE', 'COMMUNE_PC'];
/** The newest dossiers are still being worked on; the rest are the archive. */
const ACTIVE_SHARE = 0.04;
const BATCH = 100_000;

const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]`;

/** A dossier code (CCN-XXXXX-XXXXX) that is a bijection of g: 40 bits of an odd multiple of g, then "BN". */
const CODE_OF_G = `'CCN-' || (SELECT string_agg(substr('${ALPHABET}', (((g::bigint * 2654435761 + 12345) % 1099511627776) >> (5 * k) & 31)::int + 1, 1), '' ORDER BY k)
    FROM generate_series(0, 4) k) || '-' || (SELECT string_agg(substr('${ALPHABET}', (((g::bigint * 2654435761 + 12345) % 1099511627776) >> (5 * k) & 31)::int + 1, 1), '' ORDER BY k)
    FROM generate_series(5, 7) k) || 'BN'`;

async function inBatches(client: Client, total: number, label: string, statement: (from: number, to: number) => string): Promise<void> {
  for (let from = 1; from <= total; from += BATCH) {
    const to = Math.min(total, from + BATCH - 1);
    await client.query(statement(from, to));
    process.stdout.write(`\r  ${label}: ${to.toLocaleString('en')} / ${total.toLocaleString('en')}`);
  }
  process.stdout.write('\n');
}

export async function seedReads(client: Client, scale: ReadsScale, today: string): Promise<void> {
  const n = scale.dossiers;
  const firstActive = Math.floor(n * (1 - ACTIVE_SHARE)) + 1;
  const rounds = Math.max(1, Math.ceil(n / 100));
  await client.query(`
    CREATE TEMP TABLE bench_rounds AS
    WITH c AS (SELECT id, code, row_number() OVER (ORDER BY code) - 1 AS i, count(*) OVER () AS n FROM clusters)
    SELECT g - 1 AS r, c.id AS cluster_id, c.code || '-R' || (1000 + (g - 1) / c.n) AS code, 1000 + (g - 1) / c.n AS number
    FROM generate_series(1, ${rounds}) g JOIN c ON c.i = (g - 1) % c.n`);
  await client.query(`
    INSERT INTO selection_rounds (code, number, cluster_id, rule_set_id, status, opened_on)
    SELECT code, number, cluster_id, 'decree-32-2024', 'DECIDED', DATE '2017-01-01' FROM bench_rounds`);
  await client.query(`ALTER TABLE bench_rounds ADD COLUMN id uuid; UPDATE bench_rounds b SET id = s.id FROM selection_rounds s WHERE s.code = b.code`);
  await inBatches(client, n, 'applicants', (from, to) => `
    INSERT INTO applicants (name, tax_code, contact_email)
    SELECT 'Công ty CP Hạ tầng số ' || g, lpad((7000000000 + g)::text, 10, '0'), 'dautu' || g || '@example.vn' FROM generate_series(${from}, ${to}) g`);
  await inBatches(client, n, 'dossiers', (from, to) => `
    INSERT INTO dossiers (code, project_title, round_id, cluster_id, applicant_id, rule_set_id, filed_on, stage, status, version)
    SELECT ${CODE_OF_G}, 'Hạ tầng kỹ thuật cụm công nghiệp, hồ sơ ' || g, b.id, b.cluster_id, a.id, 'decree-32-2024',
           DATE '${today}' - (3650 - (g::bigint * 3650 / ${n}))::int,
           (CASE WHEN g >= ${firstActive} THEN (${sqlArray(ACTIVE_STAGES)})[1 + g % ${ACTIVE_STAGES.length}] ELSE 'CLOSED' END)::dossier_stage,
           (CASE WHEN g >= ${firstActive} THEN (CASE WHEN g % ${ACTIVE_STAGES.length} = 4 THEN 'ON_HOLD' ELSE 'ACTIVE' END)
                 ELSE (${sqlArray(CLOSED_STATUSES)})[1 + g % ${CLOSED_STATUSES.length}] END)::dossier_status,
           10
    FROM generate_series(${from}, ${to}) g
    JOIN bench_rounds b ON b.r = g % ${rounds}
    JOIN applicants a ON a.tax_code = lpad((7000000000 + g)::text, 10, '0')`);
  await client.query(`CREATE TEMP TABLE bench_dossiers AS SELECT row_number() OVER (ORDER BY filed_on, code) AS g, id, code, filed_on, stage FROM dossiers`);
  await client.query(`CREATE INDEX ON bench_dossiers (g)`);
  // The archive's finished work: two done tasks per dossier.
  await inBatches(client, n, 'done tasks', (from, to) => `
    INSERT INTO tasks (dossier_id, kind, role, status, due_on, version, created_at, completed_at)
    SELECT d.id, k.kind::task_kind, k.role::role, 'DONE', d.filed_on + 20, 2, d.filed_on + 1, d.filed_on + 15
    FROM bench_dossiers d CROSS JOIN (VALUES ('COMPLETENESS_CHECK', 'INTAKE_OFFICER'), ('ELIGIBILITY_SCREENING', 'APPRAISER')) AS k(kind, role)
    WHERE d.g BETWEEN ${from} AND ${to}`);
  // Today's open work, on the active dossiers: due dates from 10 days late to 30 days ahead (some none).
  const active = `(SELECT id, row_number() OVER (ORDER BY code) AS i, count(*) OVER () AS n FROM dossiers WHERE stage <> 'CLOSED') AS d`;
  const due = (i: string) => `(CASE WHEN ${i} % 17 = 0 THEN NULL ELSE DATE '${today}' + (${i} % 41)::int - 10 END)`;
  await client.query(`
    INSERT INTO tasks (dossier_id, kind, role, status, due_on, created_at)
    SELECT d.id, 'COMPLETENESS_CHECK', 'INTAKE_OFFICER', 'OPEN', ${due('g')}, now() - (g || ' minutes')::interval
    FROM generate_series(1, ${scale.intakeInbox}) g JOIN ${active} ON d.i = 1 + (g - 1) % d.n`);
  await client.query(`
    INSERT INTO tasks (dossier_id, kind, role, department_id, status, due_on, created_at)
    SELECT d.id, 'DEPARTMENT_OPINION', 'REVIEWER', dep.id, 'OPEN', ${due('g')}, now() - (g || ' minutes')::interval
    FROM generate_series(1, ${Math.floor(scale.otherOpenTasks * 0.8)}) g
    JOIN ${active} ON d.i = 1 + (g * 7) % d.n
    JOIN departments dep ON dep.code = (${sqlArray(REVIEWER_DEPARTMENTS)})[1 + g % ${REVIEWER_DEPARTMENTS.length}]`);
  await client.query(`
    INSERT INTO tasks (dossier_id, kind, role, status, due_on, created_at)
    SELECT d.id, (CASE WHEN g % 3 = 0 THEN 'DECISION' ELSE 'ELIGIBILITY_SCREENING' END)::task_kind,
           (CASE WHEN g % 3 = 0 THEN 'MANAGER' ELSE 'APPRAISER' END)::role, 'OPEN', ${due('g')}, now() - (g || ' minutes')::interval
    FROM generate_series(1, ${scale.otherOpenTasks - Math.floor(scale.otherOpenTasks * 0.8)}) g JOIN ${active} ON d.i = 1 + (g * 13) % d.n`);
  // The audit trail: per dossier, its stage events in order (the trigger records the stays).
  const perDossier = Math.max(1, Math.round(scale.auditEvents / n));
  await inBatches(client, n, `audit events (${perDossier} per dossier)`, (from, to) => `
    INSERT INTO audit_events (occurred_at, actor, action, entity_type, entity_id, dossier_code, new_value)
    SELECT (d.filed_on + j * 3)::timestamp + interval '3 hours', 'bench', 'dossier.transition', 'Dossier', d.id::text, d.code,
           jsonb_build_object('stage', (${sqlArray(TRAIL)})[1 + j % ${TRAIL.length}], 'version', j + 1)
    FROM bench_dossiers d CROSS JOIN generate_series(0, ${perDossier - 1}) j
    WHERE d.g BETWEEN ${from} AND ${to}
    ORDER BY d.g, j`);
  await client.query('ANALYZE');
}
