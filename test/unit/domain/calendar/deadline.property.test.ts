import fc from 'fast-check';
import {
  addCalendarDays,
  addWorkingDays,
  compareDates,
  createWorkingDayCalendar,
  daysBetween,
  fromEpochDay,
  isWorkingDay,
  toEpochDay,
  workingDaysBetween,
  type CalendarEntry,
  type WorkingDayCalendar,
} from '../../../../domain';
import { VN_SEED } from '../support/vn-calendar';

const date = fc.integer({ min: toEpochDay('2024-05-01'), max: toEpochDay('2030-06-30') }).map(fromEpochDay);
const amount = fc.integer({ min: 0, max: 60 });

/** The seeded calendar plus random administrator entries (extra holidays and make-up days). */
const calendar: fc.Arbitrary<WorkingDayCalendar> = fc
  .array(fc.record({ date, working: fc.boolean(), reason: fc.constant('Điều chỉnh của quản trị viên') }) as fc.Arbitrary<CalendarEntry>, {
    maxLength: 30,
  })
  .map((extra) => createWorkingDayCalendar([...VN_SEED, ...extra]));

const add = { 'working-days': addWorkingDays, 'calendar-days': addCalendarDays } as const;
const unit = fc.constantFrom<keyof typeof add>('working-days', 'calendar-days');

describe('deadline properties (seeded calendar with random overrides)', () => {
  test('a deadline is always a working day, never before the event day', () => {
    fc.assert(
      fc.property(calendar, date, amount, unit, (cal, from, n, u) => {
        const { due } = add[u](cal, from, n);
        expect(isWorkingDay(cal, due)).toBe(true);
        expect(compareDates(due, from)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 200 },
    );
  });

  test('adding more days never gives an earlier date', () => {
    fc.assert(
      fc.property(calendar, date, amount, amount, unit, (cal, from, n1, n2, u) => {
        const [less, more] = n1 <= n2 ? [n1, n2] : [n2, n1];
        expect(compareDates(add[u](cal, from, less).due, add[u](cal, from, more).due)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 200 },
    );
  });

  test('a later event never gives an earlier deadline', () => {
    fc.assert(
      fc.property(calendar, date, date, amount, unit, (cal, a, b, n, u) => {
        const [early, late] = compareDates(a, b) <= 0 ? [a, b] : [b, a];
        expect(compareDates(add[u](cal, early, n).due, add[u](cal, late, n).due)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 200 },
    );
  });

  test('n ≥ 1 working days: exactly n working days in (from, due], and skipped = every day off in between', () => {
    fc.assert(
      fc.property(calendar, date, fc.integer({ min: 1, max: 60 }), (cal, from, n) => {
        const deadline = addWorkingDays(cal, from, n);
        expect(workingDaysBetween(cal, from, deadline.due)).toBe(n);
        // The due day is the first day reaching n: one day earlier there were only n − 1.
        expect(workingDaysBetween(cal, from, fromEpochDay(toEpochDay(deadline.due) - 1))).toBe(n - 1);
        expect(deadline.skipped).toHaveLength(daysBetween(from, deadline.due) - n);
        for (const { date: d, reason } of deadline.skipped) {
          expect(isWorkingDay(cal, d)).toBe(false);
          expect(compareDates(from, d)).toBeLessThan(0);
          expect(compareDates(d, deadline.due)).toBeLessThan(0);
          expect(reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('calendar days: the due date is the first working day on or after from + n, skipping only days off', () => {
    fc.assert(
      fc.property(calendar, date, amount, (cal, from, n) => {
        const deadline = addCalendarDays(cal, from, n);
        const end = fromEpochDay(toEpochDay(from) + n);
        expect(deadline.skipped).toHaveLength(daysBetween(end, deadline.due));
        expect(deadline.skipped.every((s) => !isWorkingDay(cal, s.date))).toBe(true);
        if (isWorkingDay(cal, end)) expect(deadline.due).toBe(end);
      }),
      { numRuns: 200 },
    );
  });
});
