import { defineSignal } from '@temporalio/workflow';

/**
 * Sent by the calendar service (api/calendar/service.ts) to every open dossier's workflow (status
 * ACTIVE or ON_HOLD) after an administrator changes or resets a day of the working-day calendar and
 * the change has committed. `date` is the changed day (YYYY-MM-DD); the workflow reloads the
 * calendar in force (db/working-day-calendar.ts via its activities) and recomputes its open deadlines.
 * Best effort: a dossier whose signal fails is logged by the sender, not retried.
 */
export const calendarChangedSignal = defineSignal<[{ date: string }]>('calendarChanged');
