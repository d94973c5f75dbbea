import { DomainError } from './errors';

/**
 * `value` × 100 as an exact integer, for quantities written with at most two decimals (a rate of
 * 2.5 %, a score of 12.75). Working in hundredths keeps comparisons exact: no 0.1 + 0.2 surprises.
 * Returns null when `value` is not finite or has more than two decimals.
 */
export function toHundredths(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  const scaled = Math.round(value * 100);
  // value * 100 of a 2-decimal number is within floating-point noise of an integer.
  if (Math.abs(value * 100 - scaled) > 1e-6 || !Number.isSafeInteger(scaled)) return null;
  return scaled;
}

export function requireHundredths(value: number, what: string): number {
  const hundredths = toHundredths(value);
  if (hundredths === null) {
    throw new DomainError('INVALID_ARGUMENT', `${what} phải là số hữu hạn, tối đa 2 chữ số thập phân: ${value}`);
  }
  return hundredths;
}
