import { checklistFor, decideCompleteness, decideSupplementRequest, requestLine, type CompletenessDecision, type Finding, type RequestedItem } from '../../domain';
import type { ReceivedVersion } from '../../workflows/dossier/api';
import type { ApiDeps } from '../deps';
import { dossierChecklist, requireChecklist } from '../documents/checklist';
import { unprocessable } from '../http/problem';
import type { ActionDossier } from './service';

/**
 * The document side of the intake officer's and the appraiser's actions. The API computes the
 * checklist status from the read model (domain/documents decides) and forwards the items to the
 * workflow, which records them; nothing here is decided twice.
 */

type Request = { complete: boolean; missing?: string[]; items?: RequestedItem[] };

function outcome(decision: CompletenessDecision): Request {
  if (!decision.ok) throw unprocessable(decision.message, { reason: decision.reason, ...(decision.items ? { items: decision.items } : {}) });
  if (decision.complete) return { complete: true };
  return { complete: false, missing: decision.items.map(requestLine), items: decision.items };
}

/** The completeness check as the workflow records it: complete, or the items to supplement (422 when the claim contradicts the checklist). */
export async function completenessRequest(deps: Pick<ApiDeps, 'prisma'>, dossier: ActionDossier, claim: { complete: boolean; items?: Finding[] }): Promise<Request> {
  const { checklist, status } = await dossierChecklist(deps.prisma, dossier);
  requireChecklist(checklist, dossier.ruleSetId);
  return outcome(decideCompleteness(checklist, status, { complete: claim.complete, findings: claim.items ?? [] }));
}

/** A supplement asked for during the appraisal, item by item. */
export async function appraisalSupplementRequest(deps: Pick<ApiDeps, 'prisma'>, dossier: ActionDossier, findings: Finding[]): Promise<{ missing: string[]; items: RequestedItem[] }> {
  const { checklist, status } = await dossierChecklist(deps.prisma, dossier);
  requireChecklist(checklist, dossier.ruleSetId);
  const request = outcome(decideSupplementRequest(checklist, status, findings));
  return { missing: request.missing ?? [], items: request.items ?? [] };
}

/**
 * What a supplement brought: every version uploaded since the dossier's latest supplement request
 * (the audit trail orders them). Recording a supplement with none is refused, naming what was asked.
 */
export async function supplementReceipt(deps: Pick<ApiDeps, 'prisma'>, dossier: ActionDossier): Promise<{ documents: string[]; versions: ReceivedVersion[] }> {
  const request = await deps.prisma.auditEvent.findFirst({ where: { dossierCode: dossier.code, action: 'dossier.supplement-requested' }, orderBy: { id: 'desc' } });
  const uploads = await deps.prisma.auditEvent.findMany({
    where: { dossierCode: dossier.code, action: 'document.uploaded', ...(request ? { id: { gt: request.id } } : {}) },
    orderBy: { id: 'asc' },
    select: { entityId: true },
  });
  const found = await deps.prisma.documentVersion.findMany({ where: { id: { in: uploads.map((u) => u.entityId) } }, include: { document: true } });
  const versions = uploads.flatMap((u) => found.filter((v) => v.id === u.entityId));
  if (versions.length === 0) {
    const asked = (request?.newValue as { missing?: string[] } | null)?.missing ?? [];
    throw unprocessable(
      `Chưa có tài liệu bổ sung nào được tải lên từ khi yêu cầu bổ sung${asked.length ? ` (${asked.join(' ')})` : ''}. Tải lên từng thành phần (POST /api/dossiers/${dossier.code}/documents) rồi ghi nhận việc bổ sung.`,
      { reason: 'NoSupplementDocuments', requested: asked },
    );
  }
  const labels = new Map((checklistFor(dossier.ruleSetId) ?? []).map((item) => [item.code, item.label]));
  return {
    documents: versions.map((v) => `${labels.get(v.document.itemCode) ?? v.document.itemCode} (${v.document.itemCode}) bản ${v.version}: ${v.fileName}`),
    versions: versions.map((v) => ({ item: v.document.itemCode, version: v.version, versionId: v.id, fileName: v.fileName, sha256: v.sha256 })),
  };
}
