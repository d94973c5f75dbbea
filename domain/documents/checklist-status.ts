import type { ChecklistItem } from '../rules/checklists';
import { DOCUMENT_TYPE_NAMES } from './sniff';

/** What the completeness check needs to know of one stored version of an item. */
export type VersionFacts = {
  itemCode: string;
  version: number;
  /** The sniffed type. */
  type: string;
  sizeBytes: number;
  /** Set once the stored bytes failed their sha256 check when served: the file must be sent again. */
  corrupt: boolean;
};

export type ItemState = 'present' | 'missing' | 'defective';

export type ItemStatus = {
  code: string;
  label: string;
  mandatory: boolean;
  group?: string;
  state: ItemState;
  /** The version the state is about: the latest one; absent when missing. */
  version?: number;
  reasons: string[];
};

/** A reason the dossier is not complete: a missing or defective item, or a group with none of its items present. */
export type ChecklistProblem = { code: string; label: string; kind: 'missing' | 'defective'; reason: string };

export type ChecklistStatus = { complete: boolean; items: ItemStatus[]; problems: ChecklistProblem[] };

const typeName = (type: string) => DOCUMENT_TYPE_NAMES[type as keyof typeof DOCUMENT_TYPE_NAMES] ?? type;
const megabytes = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} MB`;

function defectsOf(item: ChecklistItem, latest: VersionFacts): string[] {
  const reasons: string[] = [];
  if (latest.corrupt) reasons.push(`Bản ${latest.version} bị hỏng khi lưu trữ (sai mã sha256); cần nộp lại tệp.`);
  if (!item.accepts.includes(latest.type as ChecklistItem['accepts'][number])) {
    reasons.push(`Bản ${latest.version} là tệp ${typeName(latest.type)}; thành phần này chỉ nhận ${item.accepts.map(typeName).join(', ')}.`);
  }
  if (latest.sizeBytes === 0) reasons.push(`Bản ${latest.version} là tệp rỗng.`);
  if (latest.sizeBytes > item.maxBytes) reasons.push(`Bản ${latest.version} lớn hơn giới hạn ${megabytes(item.maxBytes)}.`);
  return reasons;
}

/**
 * Where a dossier stands against its checklist, item by item, judged on the latest version of each
 * item (older versions are history). A mandatory item is missing when it has no version; an
 * optional item of a group is only a problem through its group, when no item of the group is
 * present. The completeness check asks for exactly `problems` in its supplement request.
 */
export function checklistStatus(items: readonly ChecklistItem[], versions: readonly VersionFacts[]): ChecklistStatus {
  const latest = new Map<string, VersionFacts>();
  for (const v of versions) {
    const current = latest.get(v.itemCode);
    if (!current || v.version > current.version) latest.set(v.itemCode, v);
  }

  const statuses: ItemStatus[] = items.map((item) => {
    const base = { code: item.code, label: item.label, mandatory: item.mandatory, ...(item.group ? { group: item.group.code } : {}) };
    const version = latest.get(item.code);
    if (!version) return { ...base, state: 'missing', reasons: ['Chưa nộp.'] };
    const reasons = defectsOf(item, version);
    return { ...base, state: reasons.length ? 'defective' : 'present', version: version.version, reasons };
  });

  const problems: ChecklistProblem[] = [];
  const groupsSeen = new Set<string>();
  items.forEach((item, i) => {
    const status = statuses[i] as ItemStatus;
    if (status.state === 'defective') {
      problems.push({ code: item.code, label: item.label, kind: 'defective', reason: status.reasons.join(' ') });
    } else if (status.state === 'missing' && item.mandatory) {
      problems.push({ code: item.code, label: item.label, kind: 'missing', reason: 'Chưa nộp.' });
    }
    if (item.group && !groupsSeen.has(item.group.code)) {
      groupsSeen.add(item.group.code);
      const group = item.group;
      const members = items.filter((other) => other.group?.code === group.code);
      const anyPresent = members.some((member) => statuses[items.indexOf(member)]?.state === 'present');
      if (!anyPresent) {
        problems.push({
          code: group.code,
          label: group.label,
          kind: 'missing',
          reason: `Cần ít nhất một trong: ${members.map((m) => m.label).join('; ')}.`,
        });
      }
    }
  });

  return { complete: problems.length === 0, items: statuses, problems };
}
