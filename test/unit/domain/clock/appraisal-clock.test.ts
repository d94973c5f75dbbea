import fc from 'fast-check';
import {
  DomainError,
  addWorkingDays,
  clockStatus,
  compareDates,
  fromEpochDay,
  pauseClock,
  resumeClock,
  startClock,
  toEpochDay,
  workingDaysBetween,
  type AppraisalClock,
} from '../../../../domain';
import { VN_CALENDAR } from '../support/vn-calendar';

const WD = (amount: number) => ({ amount, unit: 'working-days' as const });
const CD = (amount: number) => ({ amount, unit: 'calendar-days' as const });

describe('appraisal clock (DOMAIN.md §2 stage 4 and §4: the clock stops while a supplement is awaited)', () => {
  test('Decree 303/2026: 20 WD from Mon 02/03/2026 → due Mon 30/03/2026, no pause', () => {
    const clock = startClock(WD(20), '2026-03-02');
    const status = clockStatus(VN_CALENDAR, clock, '2026-03-13');
    expect(status).toMatchObject({ due: '2026-03-30', daysUsed: 9, daysLeft: 11, paused: false, overdue: false, pausedDays: 0 });
  });

  test('a pause of 5 working days (Tue 10/3 → Tue 17/3) moves the due date by exactly 5 working days', () => {
    const clock = resumeClock(pauseClock(startClock(WD(20), '2026-03-02'), '2026-03-10', 'Chờ bổ sung hồ sơ'), '2026-03-17');
    const status = clockStatus(VN_CALENDAR, clock, '2026-03-17');
    expect(status.due).toBe('2026-04-06');
    expect(status.pausedDays).toBe(5);
    // Used: 3–6/3 and 9–10/3 are 6 WD (the request day counts), none while paused.
    expect(status.daysUsed).toBe(6);
    expect(status.daysLeft).toBe(14);
  });

  test('while paused, the open pause runs until today and the due date keeps moving', () => {
    const paused = pauseClock(startClock(WD(20), '2026-03-02'), '2026-03-10', 'Chờ bổ sung hồ sơ');
    const on12 = clockStatus(VN_CALENDAR, paused, '2026-03-12');
    const on19 = clockStatus(VN_CALENDAR, paused, '2026-03-19');
    expect(on12).toMatchObject({ paused: true, pausedDays: 2, daysUsed: 6, due: '2026-04-01' });
    expect(on19).toMatchObject({ paused: true, pausedDays: 7, daysUsed: 6, due: '2026-04-08' });
  });

  test('Decree 32/2024: 25 d appraisal; a 10-day pause moves a calendar-day due date by 10 days, then Art. 148', () => {
    // Start Mon 05/01/2026: 25 d → Fri 30/01. Pause Fri 09/01 → Mon 19/01 (10 d): 35 d → Mon 09/02.
    const start = startClock(CD(25), '2026-01-05');
    expect(clockStatus(VN_CALENDAR, start, '2026-01-05').due).toBe('2026-01-30');
    const clock = resumeClock(pauseClock(start, '2026-01-09', 'Chờ bổ sung'), '2026-01-19');
    const status = clockStatus(VN_CALENDAR, clock, '2026-01-20');
    expect(status).toMatchObject({ due: '2026-02-09', pausedDays: 10, daysUsed: 5, daysLeft: 20 });
    // A 21-day pause (09/01 → 30/01): 46 d ends on Fri 20/02, in Tết 2026 → moved to Mon 23/02 (Art. 148).
    const longer = resumeClock(pauseClock(start, '2026-01-09', 'Chờ bổ sung'), '2026-01-30');
    expect(clockStatus(VN_CALENDAR, longer, '2026-01-30').due).toBe('2026-02-23');
  });

  test('overdue the day after the due date, not on it', () => {
    const clock = startClock(WD(5), '2026-03-02');
    expect(clockStatus(VN_CALENDAR, clock, '2026-03-09')).toMatchObject({ due: '2026-03-09', overdue: false, daysLeft: 0 });
    expect(clockStatus(VN_CALENDAR, clock, '2026-03-10')).toMatchObject({ overdue: true, daysLeft: 0, daysUsed: 6 });
  });

  test('functions are pure: the input clock is never changed, and the clock is plain JSON', () => {
    const started = startClock(WD(20), '2026-03-02');
    const snapshot = JSON.stringify(started);
    const paused = pauseClock(started, '2026-03-10', 'Chờ bổ sung');
    resumeClock(paused, '2026-03-12');
    expect(JSON.stringify(started)).toBe(snapshot);
    expect(paused.pauses).toEqual([{ from: '2026-03-10', to: null, reason: 'Chờ bổ sung' }]);
    expect(JSON.parse(JSON.stringify(paused))).toEqual(paused);
  });

  test('refuses pausing twice, pausing before the start or before the last resume, resuming when running or too early', () => {
    const started = startClock(WD(20), '2026-03-02');
    const paused = pauseClock(started, '2026-03-10', 'Chờ bổ sung');
    expect(() => pauseClock(paused, '2026-03-11', 'lần 2')).toThrow(expect.objectContaining({ code: 'CLOCK_ALREADY_PAUSED' }));
    expect(() => pauseClock(started, '2026-03-01', 'sớm')).toThrow(expect.objectContaining({ code: 'CLOCK_DATE_OUT_OF_ORDER' }));
    expect(() => resumeClock(started, '2026-03-05')).toThrow(expect.objectContaining({ code: 'CLOCK_NOT_PAUSED' }));
    expect(() => resumeClock(paused, '2026-03-09')).toThrow(expect.objectContaining({ code: 'CLOCK_DATE_OUT_OF_ORDER' }));
    const resumed = resumeClock(paused, '2026-03-12');
    expect(() => pauseClock(resumed, '2026-03-11', 'trước lần tiếp tục')).toThrow(DomainError);
    expect(() => pauseClock(resumed, '2026-03-13', ' ')).toThrow(DomainError);
    expect(() => startClock(WD(-1), '2026-03-02')).toThrow(DomainError);
  });
});

describe('appraisal clock properties', () => {
  const day = (min: string, max: string) => fc.integer({ min: toEpochDay(min), max: toEpochDay(max) }).map(fromEpochDay);
  const offset = fc.integer({ min: 0, max: 60 });
  const shift = (date: string, n: number) => fromEpochDay(toEpochDay(date) + n);

  test('a pause of k working days moves a working-day due date by exactly k working days', () => {
    fc.assert(
      fc.property(day('2024-05-01', '2029-12-31'), fc.integer({ min: 1, max: 40 }), offset, offset, offset, (start, budget, p, r, later) => {
        const pausedOn = shift(start, p);
        const resumedOn = shift(pausedOn, r);
        const today = shift(resumedOn, later);
        const base = clockStatus(VN_CALENDAR, startClock(WD(budget), start), today).due;
        const clock = resumeClock(pauseClock(startClock(WD(budget), start), pausedOn, 'Chờ bổ sung'), resumedOn);
        const due = clockStatus(VN_CALENDAR, clock, today).due;
        const k = workingDaysBetween(VN_CALENDAR, pausedOn, resumedOn);
        expect(workingDaysBetween(VN_CALENDAR, base, due)).toBe(k);
        expect(compareDates(due, base)).toBeGreaterThanOrEqual(0);
        expect(due).toBe(addWorkingDays(VN_CALENDAR, base, k).due);
      }),
      { numRuns: 150 },
    );
  });

  test('pausing never makes a due date earlier (either unit, several pauses, open or closed)', () => {
    fc.assert(
      fc.property(
        day('2024-05-01', '2029-12-31'),
        fc.constantFrom('working-days' as const, 'calendar-days' as const),
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.tuple(offset, offset), { maxLength: 4 }),
        fc.boolean(),
        offset,
        (start, unit, amount, gaps, leaveOpen, later) => {
          let clock: AppraisalClock = startClock({ amount, unit }, start);
          let cursor = start;
          let dueBefore = clockStatus(VN_CALENDAR, clock, cursor).due;
          for (const [i, [run, stop]] of gaps.entries()) {
            cursor = shift(cursor, run);
            clock = pauseClock(clock, cursor, `lần ${i + 1}`);
            const isLast = i === gaps.length - 1;
            if (!(isLast && leaveOpen)) {
              cursor = shift(cursor, stop);
              clock = resumeClock(clock, cursor);
            }
            const today = shift(cursor, later);
            const due = clockStatus(VN_CALENDAR, clock, today).due;
            expect(compareDates(due, dueBefore)).toBeGreaterThanOrEqual(0);
            dueBefore = due;
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
