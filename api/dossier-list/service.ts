import { Prisma, type DossierStage, type DossierStatus } from '../../generated/prisma/client';
import type { IsoDate } from '../../domain';
import type { ApiDeps } from '../deps';
import { dbDate, isoDateOf } from '../../db/dates';
import { encodeCursor } from '../http/cursor';
import { TOTAL_LIMIT, type DossierListCursor, type DossierListQuery } from './schemas';

/** The filters, each one served by an index of dossiers in the list's order (filed_on DESC, code). */
function filters(query: DossierListQuery, today: IsoDate): Prisma.Sql {
  const where: Prisma.Sql[] = [];
  if (query.cluster) where.push(Prisma.sql`d.cluster_id = (SELECT c.id FROM clusters c WHERE c.code = ${query.cluster})`);
  if (query.stage) where.push(Prisma.sql`d.stage = ${query.stage}::dossier_stage`);
  if (query.status) where.push(Prisma.sql`d.status = ${query.status}::dossier_status`);
  if (query.filedFrom) where.push(Prisma.sql`d.filed_on >= ${dbDate(query.filedFrom)}::date`);
  if (query.filedTo) where.push(Prisma.sql`d.filed_on <= ${dbDate(query.filedTo)}::date`);
  // A dossier is overdue when one of its open tasks is past its due date: its next_due (kept by a trigger on tasks).
  if (query.overdue === true) where.push(Prisma.sql`d.next_due < ${dbDate(today)}::date AND d.next_due IS NOT NULL`);
  if (query.overdue === false) where.push(Prisma.sql`(d.next_due IS NULL OR d.next_due >= ${dbDate(today)}::date)`);
  return where.length ? Prisma.join(where, ' AND ') : Prisma.sql`TRUE`;
}

/**
 * Strictly after the cursor in the list's order: filed on (newest first), then code. The plain
 * `filed_on <=` bound lets the index scan start at the cursor instead of filtering from the top.
 */
const afterCursor = (cursor: DossierListCursor | undefined) => {
  if (!cursor) return Prisma.sql`TRUE`;
  const filedOn = Prisma.sql`${dbDate(cursor.filedOn)}::date`;
  return Prisma.sql`d.filed_on <= ${filedOn} AND (d.filed_on < ${filedOn} OR d.code > ${cursor.code})`;
};

/** The list's two statements: one page (pageSize + 1 rows, to know whether more follow) and the bounded count. */
export function dossierListQueries(query: DossierListQuery, today: IsoDate): { page: Prisma.Sql; count: Prisma.Sql } {
  const where = filters(query, today);
  return {
    // The page's rows first (index order, LIMIT/OFFSET on dossiers alone), then their joins and next due date.
    page: Prisma.sql`
      SELECT p.code, p.project_title AS "projectTitle", c.code AS "clusterCode", c.name AS "clusterName", a.name AS "applicantName",
             p.stage, p.status, p.filed_on AS "filedOn", p.next_due AS "nextDue"
      FROM (SELECT d.* FROM dossiers d WHERE ${where} AND ${afterCursor(query.cursor)}
            ORDER BY d.filed_on DESC, d.code ASC
            LIMIT ${query.pageSize + 1} OFFSET ${query.cursor ? 0 : (query.page - 1) * query.pageSize}) AS p
      JOIN clusters c ON c.id = p.cluster_id JOIN applicants a ON a.id = p.applicant_id
      ORDER BY p.filed_on DESC, p.code ASC`,
    count: Prisma.sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM dossiers d WHERE ${where} LIMIT ${TOTAL_LIMIT + 1}) AS matching`,
  };
}

interface ListRow {
  code: string;
  projectTitle: string;
  clusterCode: string;
  clusterName: string;
  applicantName: string;
  stage: DossierStage;
  status: DossierStatus;
  filedOn: Date;
  nextDue: Date | null;
}

/**
 * One page of dossiers, newest filing first: one query for the page (cluster, applicant and next due
 * date joined) and one bounded count (at most TOTAL_LIMIT rows read). `cursor` pages by keyset at any
 * depth; `page` (offset) is kept for short lists and bounded by MAX_OFFSET.
 */
export async function listDossiers(deps: Pick<ApiDeps, 'prisma'>, query: DossierListQuery, today: IsoDate) {
  const sql = dossierListQueries(query, today);
  const [rows, [counted]] = await Promise.all([deps.prisma.$queryRaw<ListRow[]>(sql.page), deps.prisma.$queryRaw<{ n: number }[]>(sql.count)]);
  const page = rows.slice(0, query.pageSize);
  const items = page.map((d) => {
    const nextDue = d.nextDue ? isoDateOf(d.nextDue) : null;
    return {
      code: d.code,
      projectTitle: d.projectTitle,
      cluster: { code: d.clusterCode, name: d.clusterName },
      applicantName: d.applicantName,
      stage: d.stage,
      status: d.status,
      filedOn: isoDateOf(d.filedOn),
      nextDue,
      overdue: nextDue !== null && nextDue < today,
    };
  });
  const last = page[page.length - 1];
  const total = counted?.n ?? 0;
  return {
    items,
    page: query.page,
    pageSize: query.pageSize,
    total: Math.min(total, TOTAL_LIMIT),
    totalExact: total <= TOTAL_LIMIT,
    nextCursor: rows.length > query.pageSize && last ? encodeCursor([isoDateOf(last.filedOn), last.code]) : null,
  };
}
