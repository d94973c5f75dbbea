import { addDays, daysBetween, fromEpochDay, toEpochDay, type IsoDate } from '../../domain';
import { MS_PER_DAY } from './api';

/** Vietnam is UTC+7 all year (no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/**
 * Calendar dates inside the workflow, from the SDK's deterministic clock (`Date.now()` in a workflow
 * is the time of the current workflow task, the same on replay).
 *
 * - Real time (msPerDay = one day): today is the date in Vietnam; a date starts at 00:00 Vietnam time.
 * - Scaled time (tests): a virtual calendar whose day 0 is `anchor` (the filing date) at the moment
 *   the workflow started, each day lasting `msPerDay`. Deadlines computed from the calendar in force
 *   are then real durable timers that fire after a few seconds.
 */
export interface WorkflowTime {
  today(): IsoDate;
  /** Milliseconds from now until `date` begins (≤ 0 when it has begun). */
  msUntil(date: IsoDate): number;
}

export function workflowTime(anchor: IsoDate, msPerDay: number | undefined): WorkflowTime {
  const perDay = msPerDay ?? MS_PER_DAY;
  if (perDay === MS_PER_DAY) {
    return {
      today: () => fromEpochDay(Math.floor((Date.now() + VIETNAM_OFFSET_MS) / MS_PER_DAY)),
      msUntil: (date) => toEpochDay(date) * MS_PER_DAY - VIETNAM_OFFSET_MS - Date.now(),
    };
  }
  if (!Number.isSafeInteger(perDay) || perDay < 100) throw new Error(`msPerDay must be an integer ≥ 100, got ${perDay}`);
  const origin = Date.now();
  return {
    today: () => addDays(anchor, Math.floor((Date.now() - origin) / perDay)),
    msUntil: (date) => origin + daysBetween(anchor, date) * perDay - Date.now(),
  };
}
