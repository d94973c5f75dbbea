import fc from 'fast-check';
import { DECREE_32_2024, DECREE_303_2026, DomainError, depositFor } from '../../../domain';

const BN = 1_000_000_000;

describe('depositFor: Decree 31/2021 Art. 26(3), 3 % to 300 bn, 2 % from 300 to 1,000 bn, 1 % above', () => {
  test.each([
    ['nothing', 0, 0],
    ['1 đồng: 0.03 đồng rounded down', 1, 0],
    ['34 đồng: 1.02 → 1', 34, 1],
    ['100 bn: 3 % → 3 bn', 100 * BN, 3 * BN],
    ['just under 300 bn: 8,999,999,999.97 → 8,999,999,999', 300 * BN - 1, 8_999_999_999],
    ['300 bn: 3 % → 9 bn', 300 * BN, 9 * BN],
    ['300 bn + 1 đồng: the extra đồng at 2 % is 0.02 → rounded down', 300 * BN + 1, 9 * BN],
    ['300 bn + 50 đồng: 50 at 2 % = 1 đồng', 300 * BN + 50, 9 * BN + 1],
    ['800 bn: 9 + 10 = 19 bn (the DOMAIN.md example)', 800 * BN, 19 * BN],
    ['just under 1,000 bn', 1000 * BN - 1, 23 * BN - 1], // 22,999,999,999.98 → …999
    ['1,000 bn: 9 + 14 = 23 bn', 1000 * BN, 23 * BN],
    ['1,000 bn + 100 đồng: 100 at 1 % = 1 đồng', 1000 * BN + 100, 23 * BN + 1],
    ['2,000 bn: 9 + 14 + 10 = 33 bn', 2000 * BN, 33 * BN],
    ['the largest safe integer, exactly', Number.MAX_SAFE_INTEGER, 90_084_992_547_409],
  ])('%s', (_case, capital, deposit) => {
    expect(depositFor(DECREE_32_2024, capital)).toBe(deposit);
    expect(depositFor(DECREE_303_2026, capital)).toBe(deposit);
  });

  test('refuses negative, fractional and unsafe amounts', () => {
    expect(() => depositFor(DECREE_32_2024, -1)).toThrow(DomainError);
    expect(() => depositFor(DECREE_32_2024, 1.5)).toThrow(DomainError);
    expect(() => depositFor(DECREE_32_2024, Number.MAX_SAFE_INTEGER + 1)).toThrow(DomainError);
  });

  test('a larger capital never needs a smaller deposit, and the deposit is between 1 % and 3 % of it', () => {
    const capital = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
    fc.assert(
      fc.property(capital, capital, (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(depositFor(DECREE_32_2024, low)).toBeLessThanOrEqual(depositFor(DECREE_32_2024, high));
        const d = BigInt(depositFor(DECREE_32_2024, high));
        expect(d * 100n <= 3n * BigInt(high)).toBe(true);
        expect((d + 1n) * 100n > BigInt(high)).toBe(true);
      }),
    );
  });
});
