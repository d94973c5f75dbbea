import { workingDaysBetween, type IsoDate, type WorkingDayCalendar } from '../../domain';

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
 * (Civil Code Art. 147: today itself is not counted).
 */
export function urgency(cal: WorkingDayCalendar, today: IsoDate, due: IsoDate): Urgency {
  // Past the due date it is late by at least one day, even when no working day has passed since (a weekend).
  if (due < today) return { workingDaysLeft: Math.min(-1, -workingDaysBetween(cal, due, today)), nearDue: false, overdue: true };
  const left = workingDaysBetween(cal, today, due);
  return { workingDaysLeft: left, nearDue: left <= NEAR_DUE_WORKING_DAYS, overdue: false };
}
