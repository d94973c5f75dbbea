import { DateTimeFormatter, LocalDate, ResolverStyle } from '@js-joda/core';
import { DomainError } from '../errors';

/**
 * A calendar date in Vietnam's calendar, written 'YYYY-MM-DD'. Dates cross every boundary (API,
 * database, workflow history) as these strings: they have no time zone, so they cannot drift.
 *
 * The arithmetic is js-joda's LocalDate (ISO calendar, no time zone, no wall clock), so it is
 * deterministic inside Temporal's workflow sandbox; strings stay the exchange format because they
 * serialise into workflow state and JSON unchanged.
 */
export type IsoDate = string;

/** ISO day of week: 1 = Monday … 7 = Sunday. */
export type DayOfWeek = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MIN_EPOCH_DAY = LocalDate.of(1, 1, 1).toEpochDay();
const MAX_EPOCH_DAY = LocalDate.of(9999, 12, 31).toEpochDay();
const STRICT_ISO_DATE = DateTimeFormatter.ofPattern('uuuu-MM-dd').withResolverStyle(ResolverStyle.STRICT);
function parse(value: string): LocalDate | null {
  if (!ISO_DATE.test(value) || value.startsWith('0000')) return null;
  try {
    // STRICT: 2026-02-30 is an error, not 2026-03-02 or 2026-02-28.
    return LocalDate.parse(value, STRICT_ISO_DATE);
  } catch {
    return null;
  }
}

/** True for a real calendar date written 'YYYY-MM-DD' (so '2026-02-30' and '2026-2-3' are false). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parse(value) !== null;
}

/** Throws a DomainError naming the argument when `value` is not a valid IsoDate. */
export function assertIsoDate(value: unknown, name = 'date'): asserts value is IsoDate {
  if (!isIsoDate(value)) {
    throw new DomainError('INVALID_DATE', `Ngày không hợp lệ (${name}): ${String(value)}; cần dạng YYYY-MM-DD`);
  }
}

function localDate(date: IsoDate): LocalDate {
  assertIsoDate(date);
  return parse(date) as LocalDate;
}

/** Days since 1970-01-01. */
export function toEpochDay(date: IsoDate): number {
  return localDate(date).toEpochDay();
}

export function fromEpochDay(epochDay: number): IsoDate {
  if (!Number.isSafeInteger(epochDay)) {
    throw new DomainError('INVALID_ARGUMENT', `Số ngày không hợp lệ: ${epochDay}`);
  }
  if (epochDay < MIN_EPOCH_DAY || epochDay > MAX_EPOCH_DAY) {
    throw new DomainError('INVALID_DATE', `Ngày nằm ngoài khoảng năm 0001–9999 (epoch day ${epochDay})`);
  }
  return LocalDate.ofEpochDay(epochDay).toString();
}

/** `date` moved by `n` calendar days (n may be negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isSafeInteger(n)) {
    throw new DomainError('INVALID_ARGUMENT', `Số ngày phải là số nguyên: ${n}`);
  }
  return fromEpochDay(toEpochDay(date) + n);
}

/** Negative when a is before b, 0 when equal, positive when after (usable as a sort comparator). */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return Math.sign(toEpochDay(a) - toEpochDay(b));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

export function dayOfWeek(date: IsoDate): DayOfWeek {
  return localDate(date).dayOfWeek().value() as DayOfWeek;
}

/** 'dd/mm/yyyy', the way Vietnamese documents write a date. */
export function formatDateVi(date: IsoDate): string {
  return localDate(date).format(VIETNAMESE_DATE);
}

const VIETNAMESE_DATE = DateTimeFormatter.ofPattern('dd/MM/yyyy');
