import { addDays, assertIsoDate, compareDates, type IsoDate } from './iso-date';
import { isWorkingDay, type WorkingDayCalendar } from './working-day-calendar';
import { workingDaysBetween } from './deadline';

/**
 * A calendar's working days counted once over a span of days: afterwards the working days between
 * two dates of the span are a subtraction and a lookup, instead of a walk over every day between
 * them. Built once per calendar (a list of 1,000 tasks then costs 1,000 lookups); dates outside the
 * span fall back to the day-by-day count, so the answers are those of workingDaysBetween everywhere.
 */
export interface WorkingDayIndex {
  readonly calendar: WorkingDayCalendar;
  /** Every day of the span, in order. */
  readonly days: readonly IsoDate[];
  /** Working days in [days[0], date], per day of the span. */
  readonly counts: ReadonlyMap<IsoDate, number>;
}

export function buildWorkingDayIndex(calendar: WorkingDayCalendar, first: IsoDate, last: IsoDate): WorkingDayIndex {
  assertIsoDate(first, 'first');
  assertIsoDate(last, 'last');
  const days: IsoDate[] = [];
  const counts = new Map<IsoDate, number>();
  let count = 0;
  for (let day = first; compareDates(day, last) <= 0; day = addDays(day, 1)) {
    if (isWorkingDay(calendar, day)) count += 1;
    days.push(day);
    counts.set(day, count);
  }
  return { calendar, days, counts };
}

/** Working days in (from, to]; 0 when `to` is not after `from` — workingDaysBetween, by lookup. */
export function countWorkingDays(index: WorkingDayIndex, from: IsoDate, to: IsoDate): number {
  const a = index.counts.get(from);
  const b = index.counts.get(to);
  if (a === undefined || b === undefined) return workingDaysBetween(index.calendar, from, to);
  return b > a ? b - a : 0;
}

/** The first day after `from` by which `n` (≥ 1) working days have passed: the n-th working day after it. */
export function nthWorkingDayAfter(index: WorkingDayIndex, from: IsoDate, n: number): IsoDate {
  const start = index.counts.get(from);
  const { days, counts } = index;
  const lastDay = days[days.length - 1];
  if (start !== undefined && lastDay !== undefined && (counts.get(lastDay) as number) >= start + n) {
    // Binary search for the first day whose count reaches start + n.
    let lo = 0;
    let hi = days.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((counts.get(days[mid] as IsoDate) as number) >= start + n) hi = mid;
      else lo = mid + 1;
    }
    return days[lo] as IsoDate;
  }
  let day = from;
  for (let left = n; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkingDay(index.calendar, day)) left -= 1;
  }
  return day;
}
