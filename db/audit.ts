import type { Prisma } from '../generated/prisma/client';

export interface AuditRecord {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  dossierCode?: string;
  oldValue?: unknown;
  newValue?: unknown;
}

const json = (value: unknown) => (value === undefined ? undefined : (value as Prisma.InputJsonValue));

/**
 * Written inside the same transaction as the change it describes, so neither exists without the other.
 * A step's records go in one statement: the ids (a sequence) keep the order they are given in.
 */
export async function appendAudit(tx: Prisma.TransactionClient, ...records: AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  await tx.auditEvent.createMany({
    data: records.map((record) => ({
      actor: record.actor,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      dossierCode: record.dossierCode,
      oldValue: json(record.oldValue),
      newValue: json(record.newValue),
    })),
  });
}
