import { DomainError } from '../errors';
import { addDays, assertIsoDate, compareDates, type IsoDate } from './iso-date';
import { isWorkingDay, nonWorkingReason, type WorkingDayCalendar } from './working-day-calendar';

/**
 * Time limits in Decree 32/2024 are either working days (WD) or calendar days (d).
 * Counting follows Civil Code 2015 Art. 147–148: the day of the event is not counted, the period
 * starts the next day, and a period ending on a non-working day ends on the next working day.
 */
export type TimeUnit = 'working-days' | 'calendar-days';

export type TimeLimit = { amount: number; unit: TimeUnit };

/** A non-working day that moved a deadline, with the reason shown to people. */
export type SkippedDay = { date: IsoDate; reason: string };

/**
 * A computed deadline, explained: a person reading it sees which non-working days moved it
 * (DOMAIN.md §4: "a deadline shown to a person says which non-working days moved it").
 */
export type Deadline = {
  from: IsoDate;
  due: IsoDate;
  amount: number;
  unit: TimeUnit;
  skipped: SkippedDay[];
};

function assertAmount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new DomainError('INVALID_ARGUMENT', `Thời hạn phải là số nguyên không âm: ${n}`);
  }
}

function skippedDay(cal: WorkingDayCalendar, date: IsoDate): SkippedDay {
  return { date, reason: nonWorkingReason(cal, date) ?? '' };
}

/**
 * `n` working days after the event on `from`. The event day is not counted (Art. 147), so with
 * n ≥ 1 the result is the n-th working day strictly after `from`, and `skipped` lists every
 * non-working day strictly between `from` and the result.
 *
 * n = 0 means "on the day itself": the result is `from` when it is a working day, otherwise the
 * next working day (the Art. 148 rule for a period ending on a day off); `skipped` then lists the
 * non-working days from `from` (inclusive) up to the result. This way a deadline is always a
 * working day, whatever n.
 */
export function addWorkingDays(cal: WorkingDayCalendar, from: IsoDate, n: number): Deadline {
  assertIsoDate(from, 'from');
  assertAmount(n);
  const skipped: SkippedDay[] = [];
  let day = from;
  if (n === 0) {
    while (!isWorkingDay(cal, day)) {
      skipped.push(skippedDay(cal, day));
      day = addDays(day, 1);
    }
  } else {
    let counted = 0;
    while (counted < n) {
      day = addDays(day, 1);
      if (isWorkingDay(cal, day)) counted += 1;
      else skipped.push(skippedDay(cal, day));
    }
  }
  return { from, due: day, amount: n, unit: 'working-days', skipped };
}

/**
 * `n` calendar days after the event on `from`: every day counts (Art. 147), and an end that falls
 * on a non-working day moves to the next working day (Art. 148). `skipped` lists the non-working
 * days the end was pushed over (empty when the n-th day is a working day).
 */
export function addCalendarDays(cal: WorkingDayCalendar, from: IsoDate, n: number): Deadline {
  assertIsoDate(from, 'from');
  assertAmount(n);
  const skipped: SkippedDay[] = [];
  let day = addDays(from, n);
  while (!isWorkingDay(cal, day)) {
    skipped.push(skippedDay(cal, day));
    day = addDays(day, 1);
  }
  return { from, due: day, amount: n, unit: 'calendar-days', skipped };
}

/** Working days in the half-open interval (from, to]; 0 when `to` is not after `from`. */
export function workingDaysBetween(cal: WorkingDayCalendar, from: IsoDate, to: IsoDate): number {
  assertIsoDate(from, 'from');
  assertIsoDate(to, 'to');
  let count = 0;
  for (let day = addDays(from, 1); compareDates(day, to) <= 0; day = addDays(day, 1)) {
    if (isWorkingDay(cal, day)) count += 1;
  }
  return count;
}

/** The working day `n` working days before `date` (n ≥ 1), e.g. when a reminder goes out before a deadline. */
export function workingDaysBefore(cal: WorkingDayCalendar, date: IsoDate, n: number): IsoDate {
  assertIsoDate(date, 'date');
  if (!Number.isSafeInteger(n) || n < 1) throw new DomainError('INVALID_ARGUMENT', `Số ngày làm việc phải là số nguyên dương: ${n}`);
  let day = date;
  for (let left = n; left > 0; ) {
    day = addDays(day, -1);
    if (isWorkingDay(cal, day)) left -= 1;
  }
  return day;
}

/** The deadline of a rule set's time limit for an event on `from`. */
export function computeDeadline(cal: WorkingDayCalendar, from: IsoDate, limit: TimeLimit): Deadline {
  switch (limit.unit) {
    case 'working-days':
      return addWorkingDays(cal, from, limit.amount);
    case 'calendar-days':
      return addCalendarDays(cal, from, limit.amount);
    default:
      throw new DomainError('INVALID_ARGUMENT', `Đơn vị thời hạn không hợp lệ: ${String((limit as { unit: unknown }).unit)}`);
  }
}
