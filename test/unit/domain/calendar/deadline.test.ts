import {
  DomainError,
  DECREE_32_2024,
  DECREE_303_2026,
  addCalendarDays,
  addWorkingDays,
  computeDeadline,
  createWorkingDayCalendar,
  isWorkingDay,
  nonWorkingReason,
  workingDaysBefore,
  workingDaysBetween,
} from '../../../../domain';
import { VN_CALENDAR, VN_SEED, withOverrides } from '../support/vn-calendar';

const dates = (skipped: { date: string }[]) => skipped.map((s) => s.date);

describe('addWorkingDays (Civil Code 2015 Art. 147: the event day is not counted)', () => {
  test.each([
    // [case, from, n, due, skipped non-working days]
    ['plain week: Mon + 3 WD', '2026-03-02', 3, '2026-03-05', []],
    ['across a weekend: Fri + 5 WD', '2026-03-06', 5, '2026-03-13', ['2026-03-07', '2026-03-08']],
    ['event on a Saturday: counting starts Monday', '2026-03-07', 1, '2026-03-09', ['2026-03-08']],
    [
      'Tết 2026 (16–20/02, DOMAIN.md §4): Fri 13/02 + 5 WD',
      '2026-02-13',
      5,
      '2026-02-27',
      ['2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22'],
    ],
    [
      "Hùng Kings' day 2026 (Sun 26/4, nghỉ bù Mon 27/4) then 30/4–1/5: Fri 24/4 + 5 WD",
      '2026-04-24',
      5,
      '2026-05-06',
      ['2026-04-25', '2026-04-26', '2026-04-27', '2026-04-30', '2026-05-01', '2026-05-02', '2026-05-03'],
    ],
    ["Hùng Kings' day 2025 (Mon 7/4): Fri 4/4 + 1 WD", '2025-04-04', 1, '2025-04-08', ['2025-04-05', '2025-04-06', '2025-04-07']],
    [
      '30/4–1/5 2025 with Fri 2/5 swapped off: Tue 29/4 + 3 WD',
      '2025-04-29',
      3,
      '2025-05-07',
      ['2025-04-30', '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04'],
    ],
    ['make-up Saturday 26/4/2025 is a working day: Fri 25/4 + 1 WD', '2025-04-25', 1, '2025-04-26', []],
    [
      '2/9 2026 (Sat 29/8 – Wed 2/9, Mon 31/8 swapped): Fri 28/8 + 1 WD',
      '2026-08-28',
      1,
      '2026-09-03',
      ['2026-08-29', '2026-08-30', '2026-08-31', '2026-09-01', '2026-09-02'],
    ],
    ['2/9 2025 (adjacent Mon 1/9): Fri 29/8 + 1 WD', '2025-08-29', 1, '2025-09-03', ['2025-08-30', '2025-08-31', '2025-09-01', '2025-09-02']],
    [
      'New Year 2026 (Thu 1/1, Fri 2/1 swapped): Wed 31/12/2025 + 1 WD',
      '2025-12-31',
      1,
      '2026-01-05',
      ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'],
    ],
    [
      'Tết 2024 (08–14/02): Wed 7/2 + 1 WD',
      '2024-02-07',
      1,
      '2024-02-15',
      ['2024-02-08', '2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13', '2024-02-14'],
    ],
  ])('%s → %s', (_case, from, n, due, skipped) => {
    const deadline = addWorkingDays(VN_CALENDAR, from, n);
    expect(deadline).toEqual({ from, due, amount: n, unit: 'working-days', skipped: expect.any(Array) });
    expect(dates(deadline.skipped)).toEqual(skipped);
  });

  test('skipped days carry the reason shown to people', () => {
    const { skipped } = addWorkingDays(VN_CALENDAR, '2026-04-24', 5);
    expect(skipped[0]).toEqual({ date: '2026-04-25', reason: 'Thứ Bảy (Saturday)' });
    expect(skipped[1]?.reason).toContain('Giỗ Tổ Hùng Vương');
    expect(skipped[2]?.reason).toContain('Nghỉ bù');
    expect(skipped[3]?.reason).toContain('Giải phóng miền Nam');
    expect(skipped[4]?.reason).toContain('Quốc tế Lao động');
    expect(skipped[6]).toEqual({ date: '2026-05-03', reason: 'Chủ nhật (Sunday)' });
  });

  test('n = 0: the day itself when working, else the next working day (with the days skipped)', () => {
    expect(addWorkingDays(VN_CALENDAR, '2026-03-02', 0)).toEqual({ from: '2026-03-02', due: '2026-03-02', amount: 0, unit: 'working-days', skipped: [] });
    const inTet = addWorkingDays(VN_CALENDAR, '2026-02-14', 0);
    expect(inTet.due).toBe('2026-02-23');
    expect(dates(inTet.skipped)).toHaveLength(9);
    expect(inTet.skipped[0]?.date).toBe('2026-02-14');
  });

  test('Decree 32/2024 decision, 7 WD from a report on Thu 12/02/2026 (before Tết) → Mon 02/03/2026', () => {
    expect(computeDeadline(VN_CALENDAR, '2026-02-12', DECREE_32_2024.limits.decision).due).toBe('2026-03-02');
  });

  test('rejects negative or fractional amounts and invalid dates', () => {
    expect(() => addWorkingDays(VN_CALENDAR, '2026-03-02', -1)).toThrow(DomainError);
    expect(() => addWorkingDays(VN_CALENDAR, '2026-03-02', 1.5)).toThrow(DomainError);
    expect(() => addWorkingDays(VN_CALENDAR, '2026-02-30', 1)).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
  });
});

describe('addCalendarDays (Art. 147–148: every day counts, an end on a day off moves to the next working day)', () => {
  test.each([
    ['ends on a working day: Mon 2/3 + 15 d', '2026-03-02', 15, '2026-03-17', []],
    ['ends on a Saturday: Fri 6/3 + 15 d = Sat 21/3 → Mon 23/3', '2026-03-06', 15, '2026-03-23', ['2026-03-21', '2026-03-22']],
    ['ends on a Sunday: Sat 7/3 + 15 d = Sun 22/3 → Mon 23/3', '2026-03-07', 15, '2026-03-23', ['2026-03-22']],
    [
      'Decree 32/2024 appraisal 25 d ending in Tết: Mon 26/1/2026 + 25 d = Fri 20/2 → Mon 23/2',
      '2026-01-26',
      25,
      '2026-02-23',
      ['2026-02-20', '2026-02-21', '2026-02-22'],
    ],
    ['ends on 30/4/2026: Tue 21/4 + 9 d → Mon 4/5', '2026-04-21', 9, '2026-05-04', ['2026-04-30', '2026-05-01', '2026-05-02', '2026-05-03']],
    ['n = 0 on a working day is that day', '2026-03-02', 0, '2026-03-02', []],
  ])('%s', (_case, from, n, due, skipped) => {
    const deadline = addCalendarDays(VN_CALENDAR, from, n);
    expect(deadline.due).toBe(due);
    expect(deadline.unit).toBe('calendar-days');
    expect(deadline.amount).toBe(n);
    expect(dates(deadline.skipped)).toEqual(skipped);
  });

  test('computeDeadline dispatches on the unit: Decree 32/2024 window is 15 d, Decree 303/2026 window is 5 WD', () => {
    // Fri 06/03/2026: 15 calendar days → Sat 21/3 → Mon 23/3; 5 working days → Fri 13/3.
    expect(computeDeadline(VN_CALENDAR, '2026-03-06', DECREE_32_2024.limits.applicationWindow).due).toBe('2026-03-23');
    expect(computeDeadline(VN_CALENDAR, '2026-03-06', DECREE_303_2026.limits.applicationWindow).due).toBe('2026-03-13');
    expect(() => computeDeadline(VN_CALENDAR, '2026-03-06', { amount: 1, unit: 'weeks' as never })).toThrow(DomainError);
  });
});

describe('administrator overrides move deadlines (later entries win)', () => {
  test('an extra holiday (storm day off) on Tue 10/3/2026 pushes Fri 6/3 + 5 WD from 13/3 to 16/3', () => {
    const cal = withOverrides({ date: '2026-03-10', working: false, reason: 'Nghỉ do bão (storm)' });
    const deadline = addWorkingDays(cal, '2026-03-06', 5);
    expect(deadline.due).toBe('2026-03-16');
    expect(deadline.skipped).toContainEqual({ date: '2026-03-10', reason: 'Nghỉ do bão (storm)' });
  });

  test('a make-up working Saturday 7/3/2026 pulls Fri 6/3 + 5 WD from 13/3 to 12/3', () => {
    const cal = withOverrides({ date: '2026-03-07', working: true, reason: 'Làm bù (make-up working day)' });
    expect(addWorkingDays(cal, '2026-03-06', 5).due).toBe('2026-03-12');
    expect(isWorkingDay(cal, '2026-03-07')).toBe(true);
    expect(nonWorkingReason(cal, '2026-03-07')).toBeNull();
  });

  test('an override after the seed wins; the same entry before the seed loses', () => {
    const correction = { date: '2026-02-20', working: true, reason: 'Điều chỉnh: làm việc' };
    expect(addWorkingDays(withOverrides(correction), '2026-02-13', 5).due).toBe('2026-02-26');
    expect(addWorkingDays(createWorkingDayCalendar([correction, ...VN_SEED]), '2026-02-13', 5).due).toBe('2026-02-27');
  });

  test('a calendar-day deadline ending on a new holiday moves too', () => {
    const cal = withOverrides({ date: '2026-03-17', working: false, reason: 'Nghỉ đột xuất' });
    expect(addCalendarDays(cal, '2026-03-02', 15).due).toBe('2026-03-18');
  });
});

describe('workingDaysBetween counts working days in (from, to]', () => {
  test.each([
    ['2026-03-06', '2026-03-13', 5],
    ['2026-02-13', '2026-02-27', 5], // Tết 2026 in between
    ['2026-03-02', '2026-03-02', 0],
    ['2026-03-13', '2026-03-06', 0],
    ['2026-03-06', '2026-03-08', 0], // only a weekend
    ['2026-03-05', '2026-03-06', 1], // `to` itself counts
  ])('(%s, %s] → %d', (from, to, n) => {
    expect(workingDaysBetween(VN_CALENDAR, from, to)).toBe(n);
  });
});

describe('working-day calendar', () => {
  test('default week without entries; reasons for weekends', () => {
    const empty = createWorkingDayCalendar([]);
    expect(isWorkingDay(empty, '2026-02-17')).toBe(true); // no holidays without the seed
    expect(nonWorkingReason(empty, '2026-02-14')).toBe('Thứ Bảy (Saturday)');
    expect(nonWorkingReason(empty, '2026-02-15')).toBe('Chủ nhật (Sunday)');
    expect(nonWorkingReason(empty, '2026-02-16')).toBeNull();
  });

  test('is plain serialisable data', () => {
    const cal = withOverrides({ date: '2026-03-10', working: false, reason: 'Nghỉ' });
    const copy = JSON.parse(JSON.stringify(cal)) as typeof cal;
    expect(copy).toEqual(cal);
    expect(addWorkingDays(copy, '2026-03-06', 5)).toEqual(addWorkingDays(cal, '2026-03-06', 5));
  });

  test('rejects invalid entries', () => {
    expect(() => createWorkingDayCalendar([{ date: '2026-02-30', working: false, reason: 'x' }])).toThrow(DomainError);
    expect(() => createWorkingDayCalendar([{ date: '2026-02-10', working: false, reason: ' ' }])).toThrow(DomainError);
  });
});

describe('workingDaysBefore (the day a reminder goes out before a deadline)', () => {
  const plain = createWorkingDayCalendar([]);
  it('counts back over a weekend: 2 working days before Tuesday 10/3/2026 is Friday 6/3', () => {
    expect(workingDaysBefore(plain, '2026-03-10', 2)).toBe('2026-03-06');
  });
  it('skips a holiday: 1 working day before Monday 4/5/2026 is Wednesday 29/4 (30/4 and 1/5 are holidays)', () => {
    expect(workingDaysBefore(VN_CALENDAR, '2026-05-04', 1)).toBe('2026-04-29');
  });
  it('refuses a count below one', () => {
    expect(() => workingDaysBefore(plain, '2026-03-10', 0)).toThrow(DomainError);
  });
});
