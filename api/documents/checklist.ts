import { checklistFor, checklistStatus, type ChecklistItem, type ChecklistStatus } from '../../domain';
import type { PrismaClient } from '../../generated/prisma/client';
import { conflict } from '../http/problem';

/**
 * A dossier's checklist and where it stands, from the read model: the one place the API turns stored
 * versions into the facts checklistStatus judges (the document list, the completeness check and the
 * supplement requests all read it here).
 */
export async function dossierChecklist(prisma: Pick<PrismaClient, 'document'>, dossier: { id: string; ruleSetId: string }) {
  const checklist: readonly ChecklistItem[] = checklistFor(dossier.ruleSetId) ?? [];
  const documents = await prisma.document.findMany({
    where: { dossierId: dossier.id },
    include: { versions: { include: { uploadedBy: true }, orderBy: { version: 'desc' } } },
  });
  const status: ChecklistStatus = checklistStatus(
    checklist,
    documents.flatMap((d) => d.versions.map((v) => ({ itemCode: d.itemCode, version: v.version, type: v.contentType, sizeBytes: v.sizeBytes, corrupt: v.corruptAt !== null }))),
  );
  return { checklist, status, documents };
}

/** The checklist of a dossier whose rule set must have one (the completeness check cannot work without it). */
export function requireChecklist(checklist: readonly ChecklistItem[], ruleSetId: string): void {
  if (checklist.length === 0) throw conflict(`Bộ quy tắc ${ruleSetId} của hồ sơ chưa có danh mục tài liệu; báo quản trị viên.`, { reason: 'NoChecklist' });
}
