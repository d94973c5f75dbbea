import { Router } from 'express';
import { authenticate, requireRole } from '../auth/middleware';
import type { ApiDeps } from '../deps';
import { problemResponses, type DocsRegistration } from '../http/openapi';
import { parseQuery } from '../http/validate';
import { z } from '../http/zod';
import { AuditExportQuerySchema } from './schemas';
import { AUDIT_CSV_HEADER, writeAuditCsv } from './service';

export function auditRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/api/audit/export.csv', authenticate(deps), requireRole('ADMIN', 'MANAGER'), async (req, res) => {
    const query = parseQuery(AuditExportQuerySchema, req);
    const name = query.dossier ? `audit-${query.dossier}.csv` : `audit-${query.from}_${query.to}.csv`;
    res.status(200).type('text/csv; charset=utf-8').attachment(name);
    try {
      await writeAuditCsv(deps, query, res);
    } catch (error) {
      // Rows are already on the wire: a problem document cannot follow them, so cut the response short.
      if (!res.headersSent) throw error;
      req.log?.error({ err: error }, 'audit export failed mid-stream');
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  });
  return router;
}

export const registerAuditDocs: DocsRegistration = (registry) => {
  registry.registerPath({
    method: 'get',
    path: '/api/audit/export.csv',
    tags: ['audit'],
    summary: 'Xuất nhật ký kiểm toán CSV (audit trail export) theo hồ sơ hoặc theo kỳ',
    description: `Roles ADMIN, MANAGER. Either dossier=CODE or from and to (Vietnam dates, inclusive, at most 366 days). Columns: ${AUDIT_CSV_HEADER.join(', ')}; JSON values as JSON text; UTF-8 with BOM, CRLF rows.`,
    security: [{ bearerAuth: [] }],
    request: { query: AuditExportQuerySchema },
    responses: {
      200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
      ...problemResponses(400, 401, 403),
    },
  });
};
