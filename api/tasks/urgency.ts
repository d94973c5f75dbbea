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
  if (due < today) return { workingDaysLeft: -workingDaysBetween(cal, due, today), nearDue: false, overdue: true };
  const left = workingDaysBetween(cal, today, due);
  return { workingDaysLeft: left, nearDue: left <= NEAR_DUE_WORKING_DAYS, overdue: false };
}

export const isoDateOf = (value: Date): IsoDate => value.toISOString().slice(0, 10);
export const dbDate = (date: IsoDate): Date => new Date(`${date}T00:00:00.000Z`);
