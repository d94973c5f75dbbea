import { DomainError } from './errors';
import { requireHundredths } from './exact';
import { formatVnd } from './format';
import type { RuleSet } from './rules/types';

/**
 * The deposit (ký quỹ, Decree 31/2021 Art. 26(3)) the investor places on its investment capital,
 * by progressive brackets: each rate applies only to the part of the capital inside its bracket
 * (3 % up to 300 bn, 2 % from 300 to 1,000 bn, 1 % above: 800 bn → 9 + 10 = 19 bn).
 *
 * Exact integer arithmetic: every bracket's share is summed as capital × rate in hundredths of a
 * percent (BigInt), then divided once; a fractional đồng is rounded down, in the investor's favour,
 * since no bracket rule asks for rounding up and the deposit cannot be split below one đồng.
 * Reductions and exemptions are applied by the caller on this amount.
 */
export function depositFor(ruleSet: RuleSet, capitalVnd: number): number {
  if (!Number.isSafeInteger(capitalVnd) || capitalVnd < 0) {
    throw new DomainError('INVALID_ARGUMENT', `Vốn đầu tư phải là số nguyên không âm (đồng): ${capitalVnd}`);
  }
  const capital = BigInt(capitalVnd);
  let lower = 0n;
  let numerator = 0n;
  for (const [i, bracket] of ruleSet.depositBrackets.entries()) {
    const isLast = i === ruleSet.depositBrackets.length - 1;
    if (bracket.upToVnd === null && !isLast) {
      throw new DomainError('INVALID_ARGUMENT', `Bộ quy tắc ${ruleSet.id}: chỉ bậc ký quỹ cuối cùng được không có mức trần`);
    }
    const upper = bracket.upToVnd === null ? null : BigInt(bracket.upToVnd);
    if (upper !== null && upper <= lower) {
      throw new DomainError('INVALID_ARGUMENT', `Bộ quy tắc ${ruleSet.id}: các bậc ký quỹ phải tăng dần`);
    }
    const rate = BigInt(requireHundredths(bracket.ratePercent, 'Tỷ lệ ký quỹ'));
    const top = upper === null || capital < upper ? capital : upper;
    if (top > lower) numerator += (top - lower) * rate;
    if (upper === null || capital <= upper) {
      const deposit = numerator / 10_000n;
      return Number(deposit);
    }
    lower = upper;
  }
  throw new DomainError('INVALID_ARGUMENT', `Bộ quy tắc ${ruleSet.id}: không có bậc ký quỹ cho vốn ${formatVnd(capital)}`);
}
