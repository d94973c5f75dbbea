/**
 * The arithmetic the engine benchmarks print their figures with (scripts/bench-engine/): the bare
 * workflow's share of activities per Update, what a history counts, medians and the bounded pool.
 */
import type { temporal } from '@temporalio/proto';
import { activitiesPerStep, historyShape } from '../../../scripts/bench-engine/bare';
import { inPool, median, ratio } from '../../../scripts/bench-engine/report';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

describe('bare lifecycle shape', () => {
  it('spreads the activities over the Updates so that they add up, the first steps taking the remainder', () => {
    const steps = activitiesPerStep({ updates: 17, activities: 68 + 5 });
    expect(steps).toHaveLength(17);
    expect(steps.reduce((a, b) => a + b, 0)).toBe(73);
    expect(steps.slice(0, 5)).toEqual([5, 5, 5, 5, 5]);
    expect(new Set(steps.slice(5))).toEqual(new Set([4]));
    expect(activitiesPerStep({ updates: 3, activities: 1 })).toEqual([1, 0, 0]);
  });

  it('counts events, accepted Updates and scheduled activities by type over several histories', () => {
    const activity = (name: string): HistoryEvent => ({ activityTaskScheduledEventAttributes: { activityType: { name } } });
    const update: HistoryEvent = { workflowExecutionUpdateAcceptedEventAttributes: {} };
    const other: HistoryEvent = { timerStartedEventAttributes: {} };
    const shape = historyShape([
      [other, update, activity('sendMail'), activity('recordTransition')],
      [update, activity('sendMail'), other],
    ]);
    expect(shape).toEqual({ events: 7, updates: 2, activities: 3, byType: [['sendMail', 2], ['recordTransition', 1]] });
  });
});

describe('report helpers', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(ratio(0.9, 1.2)).toBe('0.75×');
    expect(ratio(1, 0)).toBe('—');
  });

  it('runs every item once with at most `concurrency` in flight', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    await inPool(25, 4, async (i) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 1 + (i % 3)));
      seen.push(i);
      running -= 1;
    });
    expect(peak).toBe(4);
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });
});
