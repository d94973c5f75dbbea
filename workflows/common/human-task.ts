import { condition } from '@temporalio/workflow';
import { addDays, type IsoDate } from '../../domain';
import type { WorkflowTime } from './time';

/**
 * Waits until `ready()` or until the day `until()` names begins (a durable timer), whichever comes
 * first; true when ready. `until` is read again whenever the deadlines are recomputed (a calendar
 * change), so the timer follows the new date. The dossier workflow's implementation also ends the
 * wait when the dossier is withdrawn.
 */
export type Wait = (ready: () => boolean, until?: () => IsoDate) => Promise<boolean>;

/**
 * The `Wait` of a workflow: `epoch()` moves when its deadlines are recomputed (the timer is then
 * armed again for the new date), and `interrupt()` may throw to end every wait (a withdrawal).
 */
export function waitFor(time: WorkflowTime, epoch: () => number, interrupt: { pending(): boolean; raise(): void } = { pending: () => false, raise: () => undefined }): Wait {
  return async (ready, until) => {
    for (;;) {
      const armedAt = epoch();
      const done = () => ready() || interrupt.pending() || epoch() !== armedAt;
      if (until === undefined) {
        await condition(done);
      } else {
        const ms = time.msUntil(until());
        if (ms > 0) await condition(done, ms);
      }
      if (interrupt.pending()) interrupt.raise();
      if (ready()) return true;
      if (epoch() === armedAt) return false;
    }
  };
}

/**
 * Every human step of the procedure, written once (shared/STYLE.md): open the task (read model and
 * notification), wait for the person's action or the deadline, record the outcome.
 *
 * The person acts through an Update whose synchronous validator checks the action; its handler only
 * deposits the action (so `action()` returns it) and waits for the task's result. The workflow body
 * alone records, so an action and an expiring deadline can never both be recorded.
 */
export interface HumanTask<A, R> {
  open(): Promise<void>;
  /** The action an Update handler deposited, if any. */
  action(): A | undefined;
  record(action: A): Promise<R>;
  deadline?: {
    /** The last day to act (read again after a calendar change): the deadline passes when the next day begins. */
    due(): IsoDate;
    /** A reminder is sent when this day begins, unless the person already acted (null: no reminder). */
    remindOn?(): IsoDate | null;
    remind?(): Promise<void>;
    /**
     * What the law makes of silence. Returns the task's result (e.g. deemed consent), or undefined to
     * keep the task open past its deadline (the overdue step is notified and still waited for).
     */
    expire(): Promise<R | undefined>;
  };
}

export async function runHumanTask<A, R>(wait: Wait, task: HumanTask<A, R>): Promise<R> {
  await task.open();
  const acted = () => task.action() !== undefined;
  const deadline = task.deadline;
  if (deadline) {
    const remindOn = deadline.remindOn;
    if (remindOn && remindOn() && deadline.remind && !(await wait(acted, () => remindOn() ?? deadline.due()))) await deadline.remind();
    if (!(await wait(acted, () => addDays(deadline.due(), 1)))) {
      const result = await deadline.expire();
      if (result !== undefined) return result;
      await wait(acted);
    }
  } else {
    await wait(acted);
  }
  return task.record(task.action() as A);
}
