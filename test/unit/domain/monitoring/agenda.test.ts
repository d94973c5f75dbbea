import fc from 'fast-check';
import { addDays, compareDates, fromEpochDay, toEpochDay, nextWakeDay, noticesDue, overdueOn, type AgendaItem } from '../../../../domain';

const day = fc.integer({ min: toEpochDay('2027-01-01'), max: toEpochDay('2037-12-31') }).map(fromEpochDay);
const item = fc.record({ id: fc.uuid(), due: day, remindBefore: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }) }).map(
  ({ id, due, remindBefore }): AgendaItem => ({ id, due, remindOn: remindBefore === null ? null : addDays(due, -remindBefore), reminded: false, overdueNotified: false }),
);

/** Runs the agenda the way the workflow does: wake on nextWakeDay, send what noticesDue says, mark it. */
function simulate(items: AgendaItem[], start: string) {
  const sent: { id: string; notice: string; on: string }[] = [];
  let agenda = items;
  let today: string | null = start;
  for (let guard = 0; today !== null && guard < 1_000; guard += 1) {
    for (const n of noticesDue(agenda, today)) {
      sent.push({ ...n, on: today });
      agenda = agenda.map((i) => (i.id !== n.id ? i : n.notice === 'overdue' ? { ...i, reminded: true, overdueNotified: true } : { ...i, reminded: true }));
    }
    today = nextWakeDay(agenda, today);
  }
  return { sent, agenda, stoppedOn: today };
}

describe('the monitoring agenda (reminders before, one overdue notice after each due date)', () => {
  it('sends every item one overdue notice on the day after its due date, at most one reminder before, and then sleeps for good', () => {
    fc.assert(
      fc.property(fc.uniqueArray(item, { selector: (i) => i.id, maxLength: 12 }), day, (items, start) => {
        const { sent, stoppedOn } = simulate(items, start);
        expect(stoppedOn).toBeNull();
        for (const i of items) {
          const mine = sent.filter((s) => s.id === i.id);
          const overdue = mine.filter((s) => s.notice === 'overdue');
          expect(overdue).toHaveLength(1);
          const expectedOn = compareDates(start, overdueOn(i)) > 0 ? start : overdueOn(i);
          expect(overdue[0]?.on).toBe(expectedOn);
          const reminders = mine.filter((s) => s.notice === 'reminder');
          expect(reminders.length).toBeLessThanOrEqual(1);
          // A reminder only before the item is late, never on or after its overdue day.
          for (const r of reminders) expect(compareDates(r.on, overdueOn(i))).toBeLessThan(0);
          // An item whose reminder day is still ahead gets its reminder exactly on that day.
          if (i.remindOn && compareDates(i.remindOn, start) >= 0 && compareDates(i.remindOn, overdueOn(i)) < 0) expect(reminders.map((r) => r.on)).toEqual([i.remindOn]);
        }
      }),
      { seed: 20270322, numRuns: 300 },
    );
  });

  it('wakes only after today, and not at all with nothing pending', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), day, (items, today) => {
        const next = nextWakeDay(items, today);
        if (items.length === 0) expect(next).toBeNull();
        else expect(compareDates(next as string, today)).toBeGreaterThan(0);
      }),
      { seed: 7, numRuns: 200 },
    );
    expect(nextWakeDay([{ id: 'a', due: '2027-03-25', remindOn: '2027-03-24', reminded: true, overdueNotified: true }], '2027-03-20')).toBeNull();
  });

  it('a reminder missed because the item is already late is replaced by the overdue notice', () => {
    const late: AgendaItem = { id: 'x', due: '2027-03-25', remindOn: '2027-03-24', reminded: false, overdueNotified: false };
    expect(noticesDue([late], '2027-03-30')).toEqual([{ id: 'x', notice: 'overdue' }]);
    expect(noticesDue([late], '2027-03-24')).toEqual([{ id: 'x', notice: 'reminder' }]);
    expect(noticesDue([late], '2027-03-25')).toEqual([{ id: 'x', notice: 'reminder' }]);
    expect(noticesDue([late], '2027-03-26')).toEqual([{ id: 'x', notice: 'overdue' }]);
  });
});
