import { buildWorkingDayIndex, createWorkingDayCalendar, workingDaysBetween } from '../../../domain';
import { nearDueBefore, urgency } from '../../../api/tasks/urgency';

// A plain week in March 2026 (no holidays): Mon 2 … Fri 6, Sat 7, Sun 8, Mon 9, Tue 10.
const cal = createWorkingDayCalendar([]);
const index = buildWorkingDayIndex(cal, '2026-01-01', '2026-12-31');

describe('inbox urgency (working days of the calendar in force, today not counted)', () => {
  it.each([
    ['due today', '2026-03-04', '2026-03-04', { workingDaysLeft: 0, nearDue: true, overdue: false }],
    ['due in 2 working days is near due', '2026-03-02', '2026-03-04', { workingDaysLeft: 2, nearDue: true, overdue: false }],
    ['due in 3 working days is not', '2026-03-02', '2026-03-05', { workingDaysLeft: 3, nearDue: false, overdue: false }],
    ['a weekend does not count: Friday to next Tuesday is 2 working days', '2026-03-06', '2026-03-10', { workingDaysLeft: 2, nearDue: true, overdue: false }],
    ['the Saturday after a Friday deadline is overdue, by at least one day', '2026-03-07', '2026-03-06', { workingDaysLeft: -1, nearDue: false, overdue: true }],
    ['the Tuesday after a Friday deadline is 2 working days late', '2026-03-10', '2026-03-06', { workingDaysLeft: -2, nearDue: false, overdue: true }],
  ])('%s', (_name, today, due, expected) => {
    const result = urgency(index, today, due);
    expect(result).toEqual(expected);
    expect(Object.is(result.workingDaysLeft, -0)).toBe(false);
  });
});

describe('the working-day index answers what the day-by-day count answers', () => {
  // A calendar with a holiday on a Wednesday and a make-up Saturday, indexed over part of a year only.
  const holidays = createWorkingDayCalendar([
    { date: '2026-04-29', working: false, reason: 'Nghỉ bù' },
    { date: '2026-05-09', working: true, reason: 'Làm bù' },
  ]);
  const spring = buildWorkingDayIndex(holidays, '2026-04-01', '2026-05-31');
  const dates = ['2026-03-27', '2026-04-01', '2026-04-28', '2026-04-29', '2026-04-30', '2026-05-08', '2026-05-09', '2026-05-11', '2026-05-31', '2026-06-03'];

  it.each(dates.flatMap((from) => dates.map((to) => [from, to])))('from %s to %s (inside and outside the span)', (from, to) => {
    expect(urgency(spring, from, to)).toEqual(urgency(buildWorkingDayIndex(holidays, '2020-01-01', '2020-01-02'), from, to));
    const expected = workingDaysBetween(holidays, from, to);
    const left = urgency(spring, from, to).workingDaysLeft;
    if (to >= from) expect(left).toBe(expected);
  });

  it('near due ends on the third working day after today, skipping the holiday (and past the span)', () => {
    // Monday 27: Tuesday 28 (1), Wednesday 29 off, Thursday 30 (2), Friday 1 May (3) in this calendar.
    expect(nearDueBefore(spring, '2026-04-27')).toBe('2026-05-01');
    expect(nearDueBefore(spring, '2026-05-07')).toBe('2026-05-11');
    expect(nearDueBefore(spring, '2026-05-29')).toBe('2026-06-03');
    expect(urgency(spring, '2026-04-27', '2026-04-30').nearDue).toBe(true);
    expect(urgency(spring, '2026-04-27', '2026-05-01').nearDue).toBe(false);
  });
});
