import { DomainError } from '../errors';
import { assertIsoDate, dayOfWeek, type IsoDate } from './iso-date';

/**
 * One day whose status or explanation differs from the default week (Monday–Friday working,
 * Saturday and Sunday off): a weekday holiday (working: false), a make-up working Saturday
 * (working: true). An entry may also restate a weekend holiday (e.g. Tết falling on a Saturday)
 * just to give a precise reason; that does not change the day's status.
 */
export type CalendarEntry = { date: IsoDate; working: boolean; reason: string };

export type DayStatus = { working: boolean; reason: string };

/**
 * The working-day calendar in force: plain, JSON-serialisable data (no class, no methods), so it can
 * be stored, passed as a Temporal workflow input and compared. Days not listed follow the default
 * week. Build it with createWorkingDayCalendar, never by hand, so the dates are validated.
 */
export type WorkingDayCalendar = {
  readonly days: Readonly<Record<IsoDate, DayStatus>>;
};

const WEEKEND_REASON = { 6: 'Thứ Bảy (Saturday)', 7: 'Chủ nhật (Sunday)' } as const;

/**
 * Builds a calendar from entries. Later entries for the same date override earlier ones, so pass
 * the seeded entries first and the administrator's corrections after them.
 */
export function createWorkingDayCalendar(entries: readonly CalendarEntry[]): WorkingDayCalendar {
  const days: Record<IsoDate, DayStatus> = {};
  for (const entry of entries) {
    assertIsoDate(entry.date, 'calendar entry');
    if (typeof entry.working !== 'boolean') {
      throw new DomainError('INVALID_ARGUMENT', `Ngày ${entry.date}: thiếu trạng thái làm việc/nghỉ`);
    }
    if (typeof entry.reason !== 'string' || entry.reason.trim() === '') {
      throw new DomainError('INVALID_ARGUMENT', `Ngày ${entry.date}: phải ghi lý do`);
    }
    days[entry.date] = { working: entry.working, reason: entry.reason };
  }
  return { days };
}

/** The calendar's entries back as a list sorted by date (for display and storage). */
export function calendarEntries(cal: WorkingDayCalendar): CalendarEntry[] {
  return Object.keys(cal.days)
    .sort()
    .map((date) => {
      const status = cal.days[date] as DayStatus;
      return { date, working: status.working, reason: status.reason };
    });
}

export function isWorkingDay(cal: WorkingDayCalendar, date: IsoDate): boolean {
  assertIsoDate(date);
  const entry = Object.prototype.hasOwnProperty.call(cal.days, date) ? cal.days[date] : undefined;
  if (entry) return entry.working;
  return dayOfWeek(date) <= 5;
}

/**
 * Why `date` is not a working day, in Vietnamese ("Thứ Bảy (Saturday)", a holiday's name), or
 * null when it is a working day.
 */
export function nonWorkingReason(cal: WorkingDayCalendar, date: IsoDate): string | null {
  assertIsoDate(date);
  const entry = Object.prototype.hasOwnProperty.call(cal.days, date) ? cal.days[date] : undefined;
  if (entry) return entry.working ? null : entry.reason;
  const dow = dayOfWeek(date);
  return dow === 6 || dow === 7 ? WEEKEND_REASON[dow] : null;
}
