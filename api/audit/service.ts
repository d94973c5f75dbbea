import type { Response } from 'express';
import type { Prisma } from '../../generated/prisma/client';
import { vietnamDayStart } from '../../db/dates';
import { addDays } from '../../domain';
import type { ApiDeps } from '../deps';
import { csvRow } from './csv';
import type { AuditExportQuery } from './schemas';

export const AUDIT_CSV_HEADER = ['id', 'occurredAt', 'actor', 'action', 'entityType', 'entityId', 'dossierCode', 'oldValue', 'newValue'] as const;
const BATCH = 1000;


export function auditFilter(query: AuditExportQuery): Prisma.AuditEventWhereInput {
  if (query.dossier) return { dossierCode: query.dossier };
  return { occurredAt: { gte: vietnamDayStart(query.from as string), lt: vietnamDayStart(addDays(query.to as string, 1)) } };
}

/** Writes the matching audit events as CSV in id order, in batches, so a long period never sits in memory at once. */
export async function writeAuditCsv(deps: Pick<ApiDeps, 'prisma'>, query: AuditExportQuery, res: Response): Promise<void> {
  const where = auditFilter(query);
  // UTF-8 byte-order mark: spreadsheet programs then read the Vietnamese text correctly.
  res.write('\uFEFF');
  res.write(csvRow(AUDIT_CSV_HEADER));
  let after: bigint | undefined;
  for (;;) {
    const events = await deps.prisma.auditEvent.findMany({
      where: after === undefined ? where : { AND: [where, { id: { gt: after } }] },
      orderBy: { id: 'asc' },
      take: BATCH,
    });
    for (const e of events) {
      res.write(csvRow([e.id.toString(), e.occurredAt.toISOString(), e.actor, e.action, e.entityType, e.entityId, e.dossierCode, e.oldValue, e.newValue]));
    }
    if (events.length < BATCH) break;
    after = (events[events.length - 1] as { id: bigint }).id;
  }
  res.end();
}
