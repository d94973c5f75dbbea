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

/** Written inside the same transaction as the change it describes, so neither exists without the other. */
export async function appendAudit(tx: Prisma.TransactionClient, record: AuditRecord): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actor: record.actor,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      dossierCode: record.dossierCode,
      oldValue: json(record.oldValue),
      newValue: json(record.newValue),
    },
  });
}
