import type { Criterion, DepositBracket, EquityThresholds } from './types';

/** Decree 32/2024 Art. 13(2): 100 points; unchanged by Decree 303/2026 (DOMAIN.md §6). */
export const DECREE_32_CRITERIA: Criterion[] = [
  { key: 'infrastructurePlan', name: 'Phương án đầu tư xây dựng hạ tầng kỹ thuật (infrastructure plan)', max: 15 },
  { key: 'environmentalProtectionPlan', name: 'Phương án bảo vệ môi trường (environmental protection plan)', max: 15 },
  { key: 'capacityAndExperience', name: 'Năng lực, kinh nghiệm (capacity and experience)', max: 30 },
  { key: 'financialPlan', name: 'Phương án tài chính (financial plan)', max: 40 },
];

/** Decree 32/2024 Art. 13(2): an applicant qualifies with at least 50 points. */
export const DECREE_32_PASS_MARK = 50;

/** Land Law 2024 Art. 122(3) and its implementing decree: 20 % under 20 ha, 15 % from 20 ha. */
export const LAND_LAW_2024_EQUITY: EquityThresholds = {
  landAreaHaBelow: 20,
  minEquityPercentBelow: 20,
  minEquityPercentAtOrAbove: 15,
};

/**
 * Decree 31/2021 Art. 26(3): 3 % of the capital up to VND 300 billion, 2 % of the part from 300 to
 * 1,000 billion, 1 % of the part above 1,000 billion.
 */
export const DECREE_31_DEPOSIT_BRACKETS: DepositBracket[] = [
  { upToVnd: 300_000_000_000, ratePercent: 3 },
  { upToVnd: 1_000_000_000_000, ratePercent: 2 },
  { upToVnd: null, ratePercent: 1 },
];

/** Rule sets are shared, immutable data: freezing them stops one caller changing another's rules. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
