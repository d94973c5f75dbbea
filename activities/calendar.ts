import {
  clockStatus,
  computeDeadline as computeDomainDeadline,
  type AppraisalClock,
  type ClockStatus,
  type Deadline,
  compareDates,
  workingDaysBefore,
  type IsoDate,
  type TimeLimit,
} from '../domain';
import { loadWorkingDayCalendar } from '../db/working-day-calendar';
import type { ActivityDeps } from './deps';

export interface DeadlineRequest {
  from: IsoDate;
  limit: TimeLimit;
  /** Also give the working day this many working days before the due date, for a reminder. */
  remindWorkingDaysBefore?: number;
}

/**
 * A stage limit's due date for an event on `from`, explained (skipped non-working days), and the
 * day a reminder goes out (null when that day would not be after `from`).
 */
export async function computeDeadline(deps: ActivityDeps, request: DeadlineRequest): Promise<Deadline & { remindOn: IsoDate | null }> {
  const calendar = await loadWorkingDayCalendar(deps.prisma);
  const deadline = computeDomainDeadline(calendar, request.from, request.limit);
  let remindOn: IsoDate | null = null;
  if (request.remindWorkingDaysBefore !== undefined) {
    const day = workingDaysBefore(calendar, deadline.due, request.remindWorkingDaysBefore);
    remindOn = compareDates(day, request.from) > 0 ? day : null;
  }
  return { ...deadline, remindOn };
}

/** Where the appraisal clock stands on `today`, with the calendar in force. */
export async function appraisalClockStatus(deps: ActivityDeps, request: { clock: AppraisalClock; today: IsoDate }): Promise<ClockStatus> {
  return clockStatus(await loadWorkingDayCalendar(deps.prisma), request.clock, request.today);
}
