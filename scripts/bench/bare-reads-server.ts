/**
 * The limit a read endpoint is measured against (`npm run bench:reads`): a bare Node HTTP server
 * on the same database running the same SQL as the API's endpoints — the statements are built by
 * the API's own query builders — with no framework, authentication, validation or mapping: rows
 * straight to JSON. The dossier view, which the API reads through Prisma's relations in one
 * snapshot, is one hand-written query here. Statements are named, as the API's are (db/client.ts), so
 * each connection plans each of them once.
 *
 *   DATABASE_URL=… PORT=… tsx scripts/bench/bare-reads-server.ts
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import { Pool } from 'pg';
import type { Prisma } from '../../generated/prisma/client';
import { dossierCountsSql, dueCountsSql, stageDurationsSql } from '../../api/dashboard/service';
import { DossierListQuerySchema } from '../../api/dossier-list/schemas';
import { dossierListQueries } from '../../api/dossier-list/service';
import { InboxQuerySchema } from '../../api/tasks/schemas';
import { inboxSql } from '../../api/tasks/service';
import { nearDueBefore } from '../../api/tasks/urgency';
import { loadActiveUser } from '../../api/auth/users';
import { createPrismaClient } from '../../db/client';
import { loadWorkingDayIndex } from '../../db/working-day-calendar';
import { addDays } from '../../domain';
import { todayInVietnam } from '../../infra/clock';

const DOSSIER_VIEW = `
  SELECT d.*, row_to_json(c) AS cluster, row_to_json(a) AS applicant, r.code AS round_code, r.status AS round_status,
         (SELECT coalesce(json_agg(t ORDER BY t.created_at, t.id), '[]') FROM (SELECT t.*, dep.code AS department_code FROM tasks t LEFT JOIN departments dep ON dep.id = t.department_id WHERE t.dossier_id = d.id) t) AS tasks,
         (SELECT coalesce(json_agg(s ORDER BY s.submitted_at), '[]') FROM (SELECT s.*, u.username FROM scores s JOIN users u ON u.id = s.member_id WHERE s.dossier_id = d.id) s) AS scores,
         (SELECT coalesce(json_agg(e ORDER BY e.id), '[]') FROM audit_events e WHERE e.dossier_code = d.code) AS timeline
  FROM dossiers d JOIN clusters c ON c.id = d.cluster_id JOIN applicants a ON a.id = d.applicant_id JOIN selection_rounds r ON r.id = d.round_id
  WHERE d.code = $1`;

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL as string;
  // Connections kept while idle, as the API's pool keeps them (db/client.ts).
  const pool = new Pool({ connectionString: databaseUrl, max: 10, idleTimeoutMillis: 10 * 60_000 });
  // What the API works out per request from data that does not change during the run: the users and today's near-due bound.
  const prisma = createPrismaClient(databaseUrl, { maxConnections: 1 });
  const today = todayInVietnam();
  const nearBefore = nearDueBefore(await loadWorkingDayIndex(prisma), today);
  const users = new Map<string, NonNullable<Awaited<ReturnType<typeof loadActiveUser>>>>();
  for (const row of await prisma.user.findMany({ select: { id: true, username: true } })) {
    const user = await loadActiveUser(prisma, row.id);
    if (user) users.set(row.username, user);
  }
  await prisma.$disconnect();

  const named = (text: string) => `bare_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
  const run = async (sql: Prisma.Sql) => (await pool.query({ name: named(sql.text), text: sql.text, values: sql.values })).rows;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bare');
    const query = Object.fromEntries(url.searchParams);
    const answer = async (): Promise<unknown> => {
      if (url.pathname === '/dossiers') {
        const sql = dossierListQueries(DossierListQuerySchema.parse(query), today);
        const [page, count] = await Promise.all([run(sql.page), run(sql.count)]);
        return { page, count };
      }
      if (url.pathname.startsWith('/dossiers/')) return (await pool.query({ name: named(DOSSIER_VIEW), text: DOSSIER_VIEW, values: [decodeURIComponent(url.pathname.slice('/dossiers/'.length))] })).rows[0];
      if (url.pathname === '/tasks') {
        const { as, ...rest } = query;
        return (await run(inboxSql(users.get(as ?? '') as NonNullable<ReturnType<typeof users.get>>, today, nearBefore, InboxQuerySchema.parse(rest))))[0];
      }
      if (url.pathname === '/dashboard') {
        const [counts, due, durations] = await Promise.all([run(dossierCountsSql()), run(dueCountsSql(today, nearBefore)), run(stageDurationsSql(addDays(today, -365), today))]);
        return { counts, due, durations };
      }
      return undefined;
    };
    answer().then(
      (body) => {
        res.writeHead(body === undefined ? 404 : 200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body ?? null));
      },
      (error: unknown) => {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(String(error));
      },
    );
  });
  server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('bare server listening'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
