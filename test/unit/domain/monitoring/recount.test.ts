import fc from 'fast-check';
import { addDays, compareDates, fromEpochDay, noticesDue, overdueOn, recountable, recountItem, toEpochDay, type AgendaItem } from '../../../../domain';

const day = fc.integer({ min: toEpochDay('2027-01-01'), max: toEpochDay('2037-12-31') }).map(fromEpochDay);
const item = fc
  .record({ id: fc.uuid(), due: day, remindBefore: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }), reminded: fc.boolean(), overdueNotified: fc.boolean() })
  .map(({ id, due, remindBefore, reminded, overdueNotified }): AgendaItem => ({ id, due, remindOn: remindBefore === null ? null : addDays(due, -remindBefore), reminded: reminded || overdueNotified, overdueNotified }));

describe('recounting the agenda after a calendar change', () => {
  it('takes exactly the items not yet overdue: a lateness the managers were told of stands', () => {
    fc.assert(
      fc.property(fc.uniqueArray(item, { selector: (i) => i.id, maxLength: 12 }), day, (items, today) => {
        const taken = recountable(items, today);
        for (const i of items) {
          const open = !i.overdueNotified && compareDates(today, overdueOn(i)) < 0;
          expect(taken.includes(i)).toBe(open);
        }
      }),
    );
  });

  it('gives the new dates, says which way the due date moved, and never sends a reminder again', () => {
    fc.assert(
      fc.property(item, day, fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }), (before, due, remindBefore) => {
        const remindOn = remindBefore === null ? null : addDays(due, -remindBefore);
        const { item: after, moved } = recountItem(before, { due, remindOn });
        expect(after).toEqual({ ...before, due, remindOn });
        const order = compareDates(due, before.due);
        expect(moved).toBe(order < 0 ? 'earlier' : order > 0 ? 'later' : null);
        // An item reminded before the recount gets no second reminder for its new date.
        if (before.reminded) for (let d = 0; d < 30; d += 1) expect(noticesDue([after], addDays(due, -d)).some((n) => n.notice === 'reminder')).toBe(false);
      }),
    );
  });
});
