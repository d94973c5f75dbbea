// The seeded Vietnam calendar, built once per test file (seeding runs date-holidays' lunar maths).
import { createWorkingDayCalendar, type CalendarEntry, type WorkingDayCalendar } from '../../../../domain';
import { seedVietnamCalendar } from '../../../../domain/calendar/seed';

export const VN_SEED: CalendarEntry[] = seedVietnamCalendar(2024, 2030);
export const VN_CALENDAR: WorkingDayCalendar = createWorkingDayCalendar(VN_SEED);

/** The seeded calendar with administrator corrections applied after it (later entries win). */
export function withOverrides(...overrides: CalendarEntry[]): WorkingDayCalendar {
  return createWorkingDayCalendar([...VN_SEED, ...overrides]);
}
