import { DomainError } from '../errors';
import { assertIsoDate, formatDateVi, type IsoDate } from '../calendar/iso-date';
import { DECREE_32_2024 } from './decree-32-2024';
import { DECREE_32_2024_TWO_LEVEL } from './decree-32-2024-two-level';
import { DECREE_303_2026 } from './decree-303-2026';
import type { RuleSet } from './types';

/** Every rule set, oldest first. */
export const RULE_SETS: readonly RuleSet[] = Object.freeze([DECREE_32_2024, DECREE_32_2024_TWO_LEVEL, DECREE_303_2026]);

/**
 * The rule set a dossier filed on `filedOn` keeps for its whole life: the latest one whose
 * effectiveFrom is on or before the filing date (DOMAIN.md §6).
 */
export function ruleSetInForce(filedOn: IsoDate): RuleSet {
  assertIsoDate(filedOn, 'filedOn');
  let inForce: RuleSet | undefined;
  for (const ruleSet of RULE_SETS) {
    // IsoDate strings compare correctly as text once validated.
    if (ruleSet.effectiveFrom <= filedOn && (!inForce || ruleSet.effectiveFrom > inForce.effectiveFrom)) inForce = ruleSet;
  }
  if (!inForce) {
    const first = RULE_SETS.reduce((a, b) => (a.effectiveFrom <= b.effectiveFrom ? a : b));
    throw new DomainError(
      'NO_RULE_SET_IN_FORCE',
      `Không có bộ quy tắc cho hồ sơ nộp ngày ${formatDateVi(filedOn)}: hệ thống áp dụng cho hồ sơ nộp từ ngày ${formatDateVi(first.effectiveFrom)} (Nghị định 32/2024/NĐ-CP)`,
    );
  }
  return inForce;
}

export function ruleSetById(id: string): RuleSet | undefined {
  return RULE_SETS.find((ruleSet) => ruleSet.id === id);
}
