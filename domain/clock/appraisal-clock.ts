import { DomainError } from '../errors';
import { assertIsoDate, compareDates, daysBetween, formatDateVi, type IsoDate } from '../calendar/iso-date';
import {
  addCalendarDays,
  addWorkingDays,
  workingDaysBetween,
  type Deadline,
  type TimeLimit,
} from '../calendar/deadline';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';

/**
 * The appraisal clock is a budget, not a fixed date (DOMAIN.md §2 stage 4, §4): while a supplement
 * is awaited the clock stops, and it resumes with the days already used. It is plain serialisable
 * data so a workflow can keep it in its state and the API can store it; every function returns a
 * new object.
 *
 * A pause from P (supplement requested) to R (supplement received) consumes no budget: the days in
 * (P, R] are not counted. The request day P was already counted, and by Civil Code Art. 147 counting
 * restarts the day after the supplement arrives.
 */
export type ClockPause = { from: IsoDate; to: IsoDate | null; reason: string };

export type AppraisalClock = {
  budget: TimeLimit;
  startedOn: IsoDate;
  pauses: ClockPause[];
};

export type ClockStatus = {
  /** The date the appraisal is due, given the pauses so far (an open pause runs until `today`). */
  due: IsoDate;
  /** The explained due date; its `amount` is the budget plus the paused units. */
  deadline: Deadline;
  /** Budget units (working or calendar days) consumed up to `today`. */
  daysUsed: number;
  /** Budget units left; never negative (see `overdue`). */
  daysLeft: number;
  paused: boolean;
  /** True once `today` is after `due`. */
  overdue: boolean;
  /** Budget units spent paused up to `today`, not consumed from the budget. */
  pausedDays: number;
};

function openPause(clock: AppraisalClock): ClockPause | undefined {
  const last = clock.pauses[clock.pauses.length - 1];
  return last && last.to === null ? last : undefined;
}

export function startClock(budget: TimeLimit, startedOn: IsoDate): AppraisalClock {
  assertIsoDate(startedOn, 'startedOn');
  if (!Number.isSafeInteger(budget.amount) || budget.amount < 0) {
    throw new DomainError('INVALID_ARGUMENT', `Thời hạn thẩm định phải là số nguyên không âm: ${budget.amount}`);
  }
  if (budget.unit !== 'working-days' && budget.unit !== 'calendar-days') {
    throw new DomainError('INVALID_ARGUMENT', `Đơn vị thời hạn không hợp lệ: ${String(budget.unit)}`);
  }
  return { budget: { amount: budget.amount, unit: budget.unit }, startedOn, pauses: [] };
}

/** Stops the clock on `on` (a supplement was requested that day). */
export function pauseClock(clock: AppraisalClock, on: IsoDate, reason: string): AppraisalClock {
  assertIsoDate(on, 'on');
  if (openPause(clock)) {
    throw new DomainError('CLOCK_ALREADY_PAUSED', 'Đồng hồ thẩm định đang tạm dừng; phải tiếp tục trước khi tạm dừng lần nữa');
  }
  if (compareDates(on, clock.startedOn) < 0) {
    throw new DomainError(
      'CLOCK_DATE_OUT_OF_ORDER',
      `Không thể tạm dừng ngày ${formatDateVi(on)}, trước ngày bắt đầu thẩm định ${formatDateVi(clock.startedOn)}`,
    );
  }
  const last = clock.pauses[clock.pauses.length - 1];
  if (last?.to && compareDates(on, last.to) < 0) {
    throw new DomainError(
      'CLOCK_DATE_OUT_OF_ORDER',
      `Không thể tạm dừng ngày ${formatDateVi(on)}, trước lần tiếp tục gần nhất ${formatDateVi(last.to)}`,
    );
  }
  if (typeof reason !== 'string' || reason.trim() === '') {
    throw new DomainError('INVALID_ARGUMENT', 'Phải ghi lý do tạm dừng (ví dụ: chờ bổ sung hồ sơ)');
  }
  return { ...clock, pauses: [...clock.pauses.map((p) => ({ ...p })), { from: on, to: null, reason }] };
}

/** Restarts the clock on `on` (the supplement arrived that day). */
export function resumeClock(clock: AppraisalClock, on: IsoDate): AppraisalClock {
  assertIsoDate(on, 'on');
  const open = openPause(clock);
  if (!open) {
    throw new DomainError('CLOCK_NOT_PAUSED', 'Đồng hồ thẩm định không ở trạng thái tạm dừng');
  }
  if (compareDates(on, open.from) < 0) {
    throw new DomainError(
      'CLOCK_DATE_OUT_OF_ORDER',
      `Không thể tiếp tục ngày ${formatDateVi(on)}, trước ngày tạm dừng ${formatDateVi(open.from)}`,
    );
  }
  const pauses = clock.pauses.map((p) => ({ ...p }));
  pauses[pauses.length - 1] = { ...open, to: on };
  return { ...clock, pauses };
}

/** Budget units between two dates: working days in (from, to], or calendar days to − from. */
function unitsBetween(cal: WorkingDayCalendar, unit: TimeLimit['unit'], from: IsoDate, to: IsoDate): number {
  if (compareDates(to, from) <= 0) return 0;
  return unit === 'working-days' ? workingDaysBetween(cal, from, to) : daysBetween(from, to);
}

const minDate = (a: IsoDate, b: IsoDate): IsoDate => (compareDates(a, b) <= 0 ? a : b);

/**
 * Where the clock stands on `today`. The due date is the start plus the budget plus every paused
 * stretch (an open pause counted up to `today`), so a pause of k working days moves a working-day
 * due date by exactly k working days, and a pause never makes it earlier.
 */
export function clockStatus(cal: WorkingDayCalendar, clock: AppraisalClock, today: IsoDate): ClockStatus {
  assertIsoDate(today, 'today');
  const { budget, startedOn } = clock;

  // Paused units that extend the due date: closed pauses in full, the open one up to today.
  let extension = 0;
  // Paused units up to today only (a pause recorded after `today` has not happened yet on `today`).
  let pausedDays = 0;
  for (const pause of clock.pauses) {
    const end = pause.to ?? today;
    extension += unitsBetween(cal, budget.unit, pause.from, end);
    pausedDays += unitsBetween(cal, budget.unit, pause.from, minDate(end, today));
  }

  const deadline =
    budget.unit === 'working-days'
      ? addWorkingDays(cal, startedOn, budget.amount + extension)
      : addCalendarDays(cal, startedOn, budget.amount + extension);
  const elapsed = unitsBetween(cal, budget.unit, startedOn, today);
  const daysUsed = Math.max(0, elapsed - pausedDays);
  const open = openPause(clock);

  return {
    due: deadline.due,
    deadline,
    daysUsed,
    daysLeft: Math.max(0, budget.amount - daysUsed),
    paused: open !== undefined && compareDates(today, open.from) >= 0,
    overdue: compareDates(today, deadline.due) > 0,
    pausedDays,
  };
}
