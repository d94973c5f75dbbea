import { createWorkingDayCalendar } from '../../../domain';
import { urgency } from '../../../api/tasks/urgency';

// A plain week in March 2026 (no holidays): Mon 2 … Fri 6, Sat 7, Sun 8, Mon 9, Tue 10.
const cal = createWorkingDayCalendar([]);

describe('inbox urgency (working days of the calendar in force, today not counted)', () => {
  it.each([
    ['due today', '2026-03-04', '2026-03-04', { workingDaysLeft: 0, nearDue: true, overdue: false }],
    ['due in 2 working days is near due', '2026-03-02', '2026-03-04', { workingDaysLeft: 2, nearDue: true, overdue: false }],
    ['due in 3 working days is not', '2026-03-02', '2026-03-05', { workingDaysLeft: 3, nearDue: false, overdue: false }],
    ['a weekend does not count: Friday to next Tuesday is 2 working days', '2026-03-06', '2026-03-10', { workingDaysLeft: 2, nearDue: true, overdue: false }],
    ['the Saturday after a Friday deadline is overdue, by at least one day', '2026-03-07', '2026-03-06', { workingDaysLeft: -1, nearDue: false, overdue: true }],
    ['the Tuesday after a Friday deadline is 2 working days late', '2026-03-10', '2026-03-06', { workingDaysLeft: -2, nearDue: false, overdue: true }],
  ])('%s', (_name, today, due, expected) => {
    const result = urgency(cal, today, due);
    expect(result).toEqual(expected);
    expect(Object.is(result.workingDaysLeft, -0)).toBe(false);
  });
});
