/**
 * The month grid's arithmetic on the API's calendar dates (YYYY-MM-DD), in UTC so the browser's own
 * time zone never shifts a day, and the kind of each day as the calendar screen shows it.
 */
import type { components } from '../../api/openapi';

export type CalendarDay = components['schemas']['CalendarDay'];

/** "2026-12" */
export type MonthKey = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function utc(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function isMonthKey(value: string | null): value is MonthKey {
  return value !== null && MONTH.test(value);
}

export function monthOf(isoDate: string): MonthKey {
  return isoDate.slice(0, 7);
}

/** The month `delta` months after `month`. */
export function addMonths(month: MonthKey, delta: number): MonthKey {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return iso(new Date(Date.UTC(year, m - 1 + delta, 1))).slice(0, 7);
}

export function firstDay(month: MonthKey): string {
  return `${month}-01`;
}

export function lastDay(month: MonthKey): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return iso(new Date(Date.UTC(year, m, 0)));
}

/** 1 = Monday … 7 = Sunday (the Vietnamese week starts on Monday: Thứ Hai). */
export function isoWeekday(isoDate: string): number {
  const day = utc(isoDate).getUTCDay();
  return day === 0 ? 7 : day;
}

export function isWeekend(isoDate: string): boolean {
  return isoWeekday(isoDate) >= 6;
}

/** The month as weeks Monday to Sunday; days outside the month are null. */
export function monthWeeks(month: MonthKey): (string | null)[][] {
  const weeks: (string | null)[][] = [];
  let week: (string | null)[] = Array.from({ length: isoWeekday(firstDay(month)) - 1 }, () => null);
  const last = lastDay(month);
  for (let day = utc(firstDay(month)); iso(day) <= last; day = new Date(day.getTime() + 86_400_000)) {
    week.push(iso(day));
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length > 0) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  return weeks;
}

export const WEEKDAY_HEADERS = [
  { short: 'T2', long: 'Thứ Hai' },
  { short: 'T3', long: 'Thứ Ba' },
  { short: 'T4', long: 'Thứ Tư' },
  { short: 'T5', long: 'Thứ Năm' },
  { short: 'T6', long: 'Thứ Sáu' },
  { short: 'T7', long: 'Thứ Bảy' },
  { short: 'CN', long: 'Chủ Nhật' },
] as const;

export type DayKind = 'working' | 'weekend' | 'holiday' | 'compensatory' | 'makeUp' | 'override';

export const DAY_KIND_LABELS: Record<DayKind, string> = {
  working: 'Ngày làm việc',
  weekend: 'Nghỉ cuối tuần',
  holiday: 'Nghỉ lễ, Tết',
  compensatory: 'Nghỉ bù',
  makeUp: 'Làm bù',
  override: 'Quản trị viên điều chỉnh',
};

/**
 * What a day is on the grid. The API lists only days that differ from the default week (plus every
 * override); a seeded day off is a compensatory one when the seed's reason says so ("Nghỉ bù…",
 * "Nghỉ hoán đổi…", the wording of domain/calendar/seed.ts), a working weekend is a make-up day.
 */
export function dayKind(date: string, listed: CalendarDay | undefined): DayKind {
  if (!listed) return isWeekend(date) ? 'weekend' : 'working';
  if (listed.source === 'admin') return 'override';
  if (listed.working) return isWeekend(date) ? 'makeUp' : 'working';
  if (isWeekend(date)) return 'weekend';
  return /^Nghỉ (bù|hoán đổi)/i.test(listed.reason) ? 'compensatory' : 'holiday';
}
