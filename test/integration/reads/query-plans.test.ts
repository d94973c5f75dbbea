/**
 * Every list query reads a bounded number of rows of the big tables, whatever their size. Each
 * query the API runs for a list (the dossier list under every filter and the cursor, the inbox
 * under every tab, the dashboard, the dossier view) is run with EXPLAIN ANALYZE on a seeded read
 * model, and every scan of dossiers, tasks or audit_events must examine at most ROW_BOUND rows (rows
 * returned plus rows removed by filters, over all loops) — far below the tables' sizes, so a
 * sequential scan of a whole table, a sort of all matching rows or a count of the archive fails.
 *
 * The plans are made with enable_seqscan off. At this modest size a sequential scan of a table of
 * 12,000 rows can truly be cheaper than a few hundred index probes, and the planner would choose
 * it here while it would not at 100,000 rows; turned off, the planner still scans sequentially
 * where no index serves the query (so a missing index fails), and the row bound catches an index
 * that is walked from end to end. Small reference tables (clusters, departments, users) are not
 * counted.
 */
import { Client } from 'pg';
import type { Prisma } from '../../../generated/prisma/client';
import { loadActiveUser, type AuthUser } from '../../../api/auth/users';
import { dossierCountsSql, dueCountsSql, stageDurationsSql } from '../../../api/dashboard/service';
import { DossierListQuerySchema } from '../../../api/dossier-list/schemas';
import { dossierListQueries } from '../../../api/dossier-list/service';
import { dossierViewSql } from '../../../api/dossiers/view';
import { encodeCursor } from '../../../api/http/cursor';
import { InboxQuerySchema } from '../../../api/tasks/schemas';
import { inboxSql } from '../../../api/tasks/service';
import { nearDueBefore } from '../../../api/tasks/urgency';
import { loadWorkingDayIndex } from '../../../db/working-day-calendar';
import { addDays } from '../../../domain';
import { todayInVietnam } from '../../../infra/clock';
import { seedReads } from '../../../scripts/bench/seed-reads';
import { createTestStack, type TestStack } from '../../support/stack';

const SCALE = { dossiers: 12_000, auditEvents: 60_000, intakeInbox: 400, otherOpenTasks: 800 };
const BIG_TABLES = new Set(['dossiers', 'tasks', 'audit_events']);
/** A page, a bounded count (1,001) and a user's open tasks fit; a table of 12,000 dossiers or 24,000 tasks does not. */
const ROW_BOUND = 2_500;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

function scans(node: PlanNode, out: { table: string; type: string; rows: number }[] = []) {
  if (node['Relation Name'] && BIG_TABLES.has(node['Relation Name'])) {
    const examined = (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) * node['Actual Loops'];
    out.push({ table: node['Relation Name'], type: node['Node Type'], rows: examined });
  }
  for (const child of node.Plans ?? []) scans(child, out);
  return out;
}

describe('list queries read bounded rows of the big tables (EXPLAIN ANALYZE on a seeded read model)', () => {
  let stack: TestStack;
  let today: string;
  let nearBefore: string;
  let users: Record<string, AuthUser>;
  let midCursor: string;
  let someCode: string;

  beforeAll(async () => {
    stack = await createTestStack('query-plans');
    today = todayInVietnam();
    const client = new Client({ connectionString: stack.databaseUrl });
    await client.connect();
    try {
      await seedReads(client, SCALE, today);
      const mid = await client.query<{ filed_on: Date; code: string }>(`SELECT filed_on, code FROM dossiers ORDER BY filed_on DESC, code OFFSET 6000 LIMIT 1`);
      midCursor = encodeCursor([(mid.rows[0] as { filed_on: Date }).filed_on.toISOString().slice(0, 10), (mid.rows[0] as { code: string }).code]);
      someCode = (mid.rows[0] as { code: string }).code;
    } finally {
      await client.end();
    }
    nearBefore = nearDueBefore(await loadWorkingDayIndex(stack.prisma), today);
    users = {};
    for (const username of ['intake', 'reviewer.doc', 'appraiser', 'manager']) {
      const row = await stack.prisma.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
      users[username] = (await loadActiveUser(stack.prisma, row.id)) as AuthUser;
    }
  }, 300_000);
  afterAll(() => stack.close());

  const examine = async (sql: Prisma.Sql) => {
    const [, [row]] = await stack.prisma.$transaction([
      stack.prisma.$executeRaw`SET LOCAL enable_seqscan = off`,
      stack.prisma.$queryRawUnsafe<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql.text}`, ...sql.values),
    ]);
    return scans((row as { 'QUERY PLAN': { Plan: PlanNode }[] })['QUERY PLAN'][0]?.Plan as PlanNode);
  };
  const expectBounded = async (sql: Prisma.Sql) => {
    const found = await examine(sql);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((scan) => scan.rows > ROW_BOUND)).toEqual([]);
  };

  it('the seeded tables are far larger than the bound', async () => {
    const [counts] = await stack.prisma.$queryRaw<{ dossiers: number; tasks: number; audit: number }[]>`
      SELECT (SELECT count(*)::int FROM dossiers) AS dossiers, (SELECT count(*)::int FROM tasks) AS tasks, (SELECT count(*)::int FROM audit_events) AS audit`;
    expect(counts?.dossiers).toBeGreaterThan(4 * ROW_BOUND);
    expect(counts?.tasks).toBeGreaterThan(8 * ROW_BOUND);
    expect(counts?.audit).toBeGreaterThan(20 * ROW_BOUND);
  });

  it.each([
    ['default page', {}],
    ['a deep page by cursor', { cursor: 'MID' }],
    ['page 50 by offset', { page: '50' }],
    ['cluster', { cluster: 'DH-LOC-GIANG-1' }],
    ['stage', { stage: 'DEPARTMENT_OPINIONS' }],
    ['status', { status: 'ON_HOLD' }],
    ['overdue', { overdue: 'true' }],
    ['not overdue', { overdue: 'false' }],
    ['filing dates', { filedFrom: '2020-01-01', filedTo: '2020-06-30' }],
    ['cluster, stage and cursor', { cluster: 'DH-LOC-GIANG-1', stage: 'CLOSED', cursor: 'MID' }],
  ])('GET /api/dossiers: %s', async (_name, raw: Record<string, string>) => {
    const query = DossierListQuerySchema.parse({ ...raw, ...(raw.cursor ? { cursor: midCursor } : {}) });
    const sql = dossierListQueries(query, today);
    await expectBounded(sql.page);
    await expectBounded(sql.count);
  });

  it.each([
    ['intake (400 open tasks)', 'intake', {}],
    ['intake, overdue tab', 'intake', { tab: 'overdue' }],
    ['intake, near-due tab', 'intake', { tab: 'nearDue' }],
    ['intake, assigned to me', 'intake', { tab: 'mine' }],
    ['intake, one stage', 'intake', { stage: 'COMPLETENESS_CHECK' }],
    ['intake, one cluster, overdue tab', 'intake', { cluster: 'DH-LOC-GIANG-1', tab: 'overdue' }],
    ['reviewer of DOC, stage and cluster', 'reviewer.doc', { stage: 'DEPARTMENT_OPINIONS', cluster: 'DH-LOC-GIANG-1' }],
    ['reviewer of DOC', 'reviewer.doc', {}],
    ['appraiser', 'appraiser', {}],
    ['manager, next page', 'manager', { cursor: encodeCursor([null, '2026-01-01T00:00:00.000Z', '00000000-0000-0000-0000-000000000000']) }],
  ])('GET /api/tasks: %s', async (_name, username, raw: Record<string, string>) => {
    await expectBounded(inboxSql(users[username] as AuthUser, today, nearBefore, InboxQuerySchema.parse(raw)));
  });

  it('GET /api/dashboard: the open tasks, and none of the archive', async () => {
    await expectBounded(dueCountsSql(today, nearBefore));
    for (const sql of [dossierCountsSql(), stageDurationsSql(addDays(today, -365), today)]) expect(await examine(sql)).toEqual([]);
  });

  it('GET /api/dossiers/{code}: one dossier, its tasks and its audit trail', async () => {
    await expectBounded(dossierViewSql(someCode));
  });
});
