import type { ChecklistItem } from '../rules/checklists';
import type { ChecklistProblem, ChecklistStatus } from './checklist-status';

/**
 * What a person found wrong with an item that the system cannot judge from the file itself: a
 * certificate that has expired, a copy that is not certified, a plan that does not cover the area.
 */
export type Finding = { item: string; reason: string };

/** One item (or group of items) a supplement request names, and why: what the applicant must send. */
export type RequestedItem = ChecklistProblem;

export type CompletenessDecision =
  | { ok: true; complete: true }
  | { ok: true; complete: false; items: RequestedItem[] }
  | { ok: false; reason: 'UnknownItem' | 'ChecklistIncomplete' | 'MissingList'; message: string; items?: RequestedItem[] };

/** How a requested item reads in a mail and in the dossier's `missing` list. */
export const requestLine = (item: RequestedItem) => `${item.label} (${item.code}): ${item.reason}`;

function unknownItems(checklist: readonly ChecklistItem[], findings: readonly Finding[]): CompletenessDecision | undefined {
  const unknown = findings.filter((f) => !checklist.some((item) => item.code === f.item)).map((f) => f.item);
  if (unknown.length === 0) return undefined;
  return {
    ok: false,
    reason: 'UnknownItem',
    message: `Không có thành phần ${unknown.map((c) => `"${c}"`).join(', ')} trong danh mục hồ sơ; chọn trong: ${checklist.map((c) => c.code).join(', ')}.`,
  };
}

/** The findings as requested items, each on its checklist item: missing when it has no version yet, otherwise defective. */
function findingItems(checklist: readonly ChecklistItem[], status: ChecklistStatus, findings: readonly Finding[]): RequestedItem[] {
  return findings.map((finding) => {
    const item = checklist.find((c) => c.code === finding.item) as ChecklistItem;
    const state = status.items.find((s) => s.code === item.code)?.state;
    return { code: item.code, label: item.label, kind: state === 'missing' ? 'missing' : 'defective', reason: finding.reason };
  });
}

/** One entry per code, in checklist order of first appearance; the reasons of a code named twice are joined. */
function merged(items: readonly RequestedItem[]): RequestedItem[] {
  const byCode = new Map<string, RequestedItem>();
  for (const item of items) {
    const seen = byCode.get(item.code);
    byCode.set(item.code, seen ? { ...seen, kind: seen.kind === 'missing' ? 'missing' : item.kind, reason: `${seen.reason} ${item.reason}` } : item);
  }
  return [...byCode.values()];
}

/**
 * The intake officer's completeness check, item by item (DOMAIN.md §2 stage 4). The dossier is
 * complete only when its checklist status has no problem and the officer found nothing wrong; "not
 * complete" asks for every problem of the checklist (missing or defective, each with its reason)
 * and every finding of the officer. Declaring complete a dossier the checklist finds incomplete, or
 * "not complete" with nothing to ask for, is refused.
 */
export function decideCompleteness(
  checklist: readonly ChecklistItem[],
  status: ChecklistStatus,
  claim: { complete: boolean; findings: readonly Finding[] },
): CompletenessDecision {
  const unknown = unknownItems(checklist, claim.findings);
  if (unknown) return unknown;
  const items = merged([...status.problems, ...findingItems(checklist, status, claim.findings)]);
  if (claim.complete) {
    if (items.length === 0) return { ok: true, complete: true };
    return {
      ok: false,
      reason: 'ChecklistIncomplete',
      message: `Hồ sơ chưa đủ theo danh mục nên không thể xác nhận đủ: ${items.map(requestLine).join(' ')} Gửi complete = false để yêu cầu bổ sung các thành phần này.`,
      items,
    };
  }
  if (items.length === 0) {
    return {
      ok: false,
      reason: 'MissingList',
      message: 'Hồ sơ có đủ các thành phần theo danh mục. Nếu một thành phần có sai sót, nêu nó trong "items" kèm lý do; nếu không, xác nhận hồ sơ đủ (complete = true).',
    };
  }
  return { ok: true, complete: false, items };
}

/** A supplement asked for during the appraisal: exactly the items named, each with the reason given. */
export function decideSupplementRequest(checklist: readonly ChecklistItem[], status: ChecklistStatus, findings: readonly Finding[]): CompletenessDecision {
  const unknown = unknownItems(checklist, findings);
  if (unknown) return unknown;
  const items = merged(findingItems(checklist, status, findings));
  if (items.length === 0) return { ok: false, reason: 'MissingList', message: 'Yêu cầu bổ sung phải nêu ít nhất một thành phần hồ sơ kèm lý do.' };
  return { ok: true, complete: false, items };
}
