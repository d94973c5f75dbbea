import { Router } from 'express';
import type { ApiDeps } from '../deps';
import type { DocsRegistration } from '../http/openapi';
import { z } from '../http/zod';

type CheckName = 'database' | 'temporal' | 'mail';

const TIMEOUT_MS = 3_000;

async function probe(check: () => Promise<unknown>): Promise<'ok' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS);
      }),
    ]);
    return 'ok';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

/** Mail is checked at most this often: verify() opens an SMTP session, and health is polled. */
const MAIL_CHECK_TTL_MS = 30_000;

/** The last answer of a probe, reused for ttlMs; concurrent callers share one probe in flight. */
function cached(ttlMs: number, check: () => Promise<'ok' | 'down'>): () => Promise<'ok' | 'down'> {
  let last: { at: number; result: Promise<'ok' | 'down'> } | undefined;
  return () => {
    if (!last || Date.now() - last.at >= ttlMs) last = { at: Date.now(), result: check() };
    return last.result;
  };
}

export function healthRouter(deps: ApiDeps): Router {
  const router = Router();
  const mail = cached(MAIL_CHECK_TTL_MS, () => probe(() => deps.mailer.verify()));
  router.get('/api/health', async (_req, res) => {
    const results = await Promise.all([
      probe(() => deps.prisma.$queryRaw`SELECT 1`),
      probe(() => deps.temporal.connection.withDeadline(Date.now() + TIMEOUT_MS, () => deps.temporal.connection.workflowService.getSystemInfo({}))),
      mail(),
    ]);
    const checks: Record<CheckName, 'ok' | 'down'> = { database: results[0], temporal: results[1], mail: results[2] };
    const down = (Object.keys(checks) as CheckName[]).filter((name) => checks[name] !== 'ok');
    if (down.length === 0) {
      res.json({ status: 'ok', checks });
      return;
    }
    res.setHeader('Retry-After', '5');
    res.status(503).json({ status: 'down', checks, detail: `Không kết nối được: ${down.join(', ')}` });
  });
  return router;
}

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'down']),
    checks: z.object({ database: z.enum(['ok', 'down']), temporal: z.enum(['ok', 'down']), mail: z.enum(['ok', 'down']) }),
    detail: z.string().optional(),
  })
  .openapi('Health');

export const registerHealthDocs: DocsRegistration = (registry) => {
  registry.registerPath({
    method: 'get',
    path: '/api/health',
    summary: 'Tình trạng hệ thống: cơ sở dữ liệu, Temporal, thư điện tử',
    responses: {
      200: { description: 'Mọi thành phần sẵn sàng', content: { 'application/json': { schema: HealthSchema } } },
      503: { description: 'Một thành phần không sẵn sàng; checks nêu thành phần nào', content: { 'application/json': { schema: HealthSchema } } },
    },
  });
};
