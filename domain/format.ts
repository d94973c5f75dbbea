/**
 * Vietnamese number formatting for reason strings, written by hand (not Intl) so the text is the
 * same in every runtime, including Temporal's workflow sandbox.
 */

/** 800000000000 → "800.000.000.000 đồng" (dot groups thousands in Vietnamese). */
export function formatVnd(amount: number | bigint): string {
  const negative = amount < 0;
  const digits = (negative ? -BigInt(amount) : BigInt(amount)).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped} đồng`;
}

/** A number with a decimal comma, at most `decimals` places, trailing zeros dropped: 19.5 → "19,5". */
export function formatNumberVi(value: number, decimals = 2): string {
  const fixed = value.toFixed(decimals);
  const trimmed = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  return trimmed.replace('.', ',');
}

/** Hundredths of a percent (an exact integer) → "19,99 %". */
export function formatHundredthsPercent(hundredths: bigint): string {
  const negative = hundredths < 0n;
  const abs = negative ? -hundredths : hundredths;
  const whole = abs / 100n;
  const frac = abs % 100n;
  const text = frac === 0n ? whole.toString() : `${whole}.${frac.toString().padStart(2, '0')}`.replace(/0$/, '');
  return `${negative ? '-' : ''}${text.replace('.', ',')} %`;
}
