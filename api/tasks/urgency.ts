import { countWorkingDays, nthWorkingDayAfter, type IsoDate, type WorkingDayIndex } from '../../domain';

/** A deadline this close (in working days) or closer is flagged near due. */
export const NEAR_DUE_WORKING_DAYS = 2;

export interface Urgency {
  /** Working days from today to the due date (0 = due today); negative once overdue. */
  workingDaysLeft: number;
  nearDue: boolean;
  overdue: boolean;
}

/**
 * How urgent a due date is on `today`, counted in working days of the calendar in force
 * (Civil Code Art. 147: today itself is not counted). The index is built once per calendar, so a
 * list of tasks costs one lookup per task.
 */
export function urgency(index: WorkingDayIndex, today: IsoDate, due: IsoDate): Urgency {
  // Past the due date it is late by at least one day, even when no working day has passed since (a weekend).
  if (due < today) return { workingDaysLeft: Math.min(-1, -countWorkingDays(index, due, today)), nearDue: false, overdue: true };
  const left = countWorkingDays(index, today, due);
  return { workingDaysLeft: left, nearDue: left <= NEAR_DUE_WORKING_DAYS, overdue: false };
}

/**
 * The due dates near due on `today` are those in [today, nearDueBefore): the first day on which
 * more than NEAR_DUE_WORKING_DAYS working days are left. Lets SQL count and filter by urgency.
 */
export function nearDueBefore(index: WorkingDayIndex, today: IsoDate): IsoDate {
  return nthWorkingDayAfter(index, today, NEAR_DUE_WORKING_DAYS + 1);
}
