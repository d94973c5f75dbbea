import { addDays, assertIsoDate, type IsoDate } from '../calendar/iso-date';
import { DomainError } from '../errors';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The day before the first of the next month. */
function lastDayOfMonth(year: number, month: number): number {
  const next = month === 12 ? `${pad(year + 1, 4)}-01-01` : `${pad(year, 4)}-${pad(month + 1, 2)}-01`;
  return Number(addDays(next, -1).slice(8, 10));
}

/**
 * The last day of the reporting period that contains `date`, periods of `months` months aligned on
 * the calendar year (6 months: 30 June and 31 December, as Circular 14/2024's half-yearly reports).
 */
export function periodEndOn(date: IsoDate, months: number): IsoDate {
  assertIsoDate(date, 'date');
  if (![1, 2, 3, 4, 6, 12].includes(months)) throw new DomainError('INVALID_ARGUMENT', `Kỳ báo cáo phải chia hết 12 tháng: ${months}`);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const endMonth = Math.ceil(month / months) * months;
  return `${pad(year, 4)}-${pad(endMonth, 2)}-${pad(lastDayOfMonth(year, endMonth), 2)}`;
}

/** The end of the period after the one ending on `periodEnd`. */
export function nextPeriodEnd(periodEnd: IsoDate, months: number): IsoDate {
  return periodEndOn(addDays(periodEnd, 1), months);
}

/** A period's name as reports cite it: its first and last day. */
export function periodLabel(periodEnd: IsoDate, months: number): { from: IsoDate; to: IsoDate } {
  const year = Number(periodEnd.slice(0, 4));
  const startMonth = Number(periodEnd.slice(5, 7)) - months + 1;
  return { from: `${pad(year, 4)}-${pad(startMonth, 2)}-01`, to: periodEnd };
}
