import { addDays, daysBetween, fromEpochDay, toEpochDay, type IsoDate } from '../../domain';

/** One real day. Tests and the training clock pass a shorter `msPerDay` so durable timers fire in seconds. */
export const MS_PER_DAY = 86_400_000;

/** Vietnam is UTC+7 all year (no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/**
 * Day 0 of a scaled virtual calendar and the epoch millisecond it began. A round hands its own to
 * the dossiers it admits, and the API's training clock hands one to every workflow it starts, so
 * all of them agree on what "today" is.
 */
export interface TimeOrigin {
  date: IsoDate;
  atMs: number;
}

/** How a workflow counts days: `msPerDay` below one real day runs a scaled virtual calendar. */
export interface TimeScale {
  msPerDay?: number;
  /** Without it, day 0 is the workflow's anchor date at the moment the workflow started. */
  timeOrigin?: TimeOrigin;
}

/**
 * Calendar dates inside a workflow, from the SDK's deterministic clock (`Date.now()` in a workflow
 * is the time of the current workflow task, the same on replay).
 *
 * - Real time (msPerDay = one day): today is the date in Vietnam; a date starts at 00:00 Vietnam time.
 * - Scaled time (tests, training): a virtual calendar whose day 0 is `timeOrigin` (or `anchor` at the
 *   moment the workflow started), each day lasting `msPerDay`. Deadlines computed from the calendar
 *   in force are then real durable timers that fire after a few seconds.
 */
export interface WorkflowTime {
  today(): IsoDate;
  /** Milliseconds from now until `date` begins (≤ 0 when it has begun). */
  msUntil(date: IsoDate): number;
  /** What a workflow started by this one passes on, so both count the same days. */
  scale: TimeScale;
}

export function workflowTime(anchor: IsoDate, scale: TimeScale): WorkflowTime {
  const perDay = scale.msPerDay ?? MS_PER_DAY;
  if (perDay === MS_PER_DAY) {
    return {
      today: () => fromEpochDay(Math.floor((Date.now() + VIETNAM_OFFSET_MS) / MS_PER_DAY)),
      msUntil: (date) => toEpochDay(date) * MS_PER_DAY - VIETNAM_OFFSET_MS - Date.now(),
      scale: {},
    };
  }
  if (!Number.isSafeInteger(perDay) || perDay < 100) throw new Error(`msPerDay must be an integer ≥ 100, got ${perDay}`);
  const origin = scale.timeOrigin ?? { date: anchor, atMs: Date.now() };
  return {
    today: () => addDays(origin.date, Math.floor((Date.now() - origin.atMs) / perDay)),
    msUntil: (date) => origin.atMs + daysBetween(origin.date, date) * perDay - Date.now(),
    scale: { msPerDay: perDay, timeOrigin: origin },
  };
}
