import { addDays, compareDates, type IsoDate } from '../calendar/iso-date';

/**
 * An open obligation of a monitored cluster with its due date: a milestone, a periodic report, a
 * remediation, a manager's escalation decision, a conversion plan. One reminder before the due date,
 * one overdue notice when the day after it begins; the item stays open until someone records it.
 */
export interface AgendaItem {
  id: string;
  due: IsoDate;
  remindOn: IsoDate | null;
  reminded: boolean;
  overdueNotified: boolean;
}

export type AgendaNotice = { id: string; notice: 'reminder' | 'overdue' };

/** The day an item is overdue: the day after its last day (Civil Code Art. 148). */
export const overdueOn = (item: Pick<AgendaItem, 'due'>) => addDays(item.due, 1);

/**
 * The notices that are due on `today`, each once: a reminder whose day came (skipped when the item is
 * already overdue, since the overdue notice says more), an overdue notice once the due date passed.
 */
export function noticesDue(items: readonly AgendaItem[], today: IsoDate): AgendaNotice[] {
  const notices: AgendaNotice[] = [];
  for (const item of items) {
    const late = compareDates(today, overdueOn(item)) >= 0;
    if (late && !item.overdueNotified) notices.push({ id: item.id, notice: 'overdue' });
    else if (!late && !item.reminded && item.remindOn && compareDates(today, item.remindOn) >= 0) notices.push({ id: item.id, notice: 'reminder' });
  }
  return notices;
}

/** The next day something is due to be sent, after `today`'s notices went out; null when nothing is pending. */
export function nextWakeDay(items: readonly AgendaItem[], today: IsoDate): IsoDate | null {
  let next: IsoDate | null = null;
  const consider = (day: IsoDate) => {
    const at = compareDates(day, today) > 0 ? day : addDays(today, 1);
    if (next === null || compareDates(at, next) < 0) next = at;
  };
  for (const item of items) {
    if (!item.overdueNotified) consider(overdueOn(item));
    // A reminder not sent before the item fell overdue is never sent: the overdue notice replaces it.
    if (!item.reminded && item.remindOn && compareDates(today, overdueOn(item)) < 0 && compareDates(item.remindOn, overdueOn(item)) < 0) consider(item.remindOn);
  }
  return next;
}

/** The items a calendar change counts again: those not yet overdue (a lateness the managers were told of stands). */
export function recountable<T extends AgendaItem>(items: readonly T[], today: IsoDate): T[] {
  return items.filter((item) => !item.overdueNotified && compareDates(today, overdueOn(item)) < 0);
}

export type DueMove = 'earlier' | 'later' | null;

/**
 * An item with its due date counted again: the new due date and reminder day, and which way the due
 * date moved. A reminder already sent stays sent (it is not sent again for the new date).
 */
export function recountItem<T extends AgendaItem>(item: T, counted: { due: IsoDate; remindOn: IsoDate | null }): { item: T; moved: DueMove } {
  const order = compareDates(counted.due, item.due);
  return { item: { ...item, due: counted.due, remindOn: counted.remindOn }, moved: order < 0 ? 'earlier' : order > 0 ? 'later' : null };
}
