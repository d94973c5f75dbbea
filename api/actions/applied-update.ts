import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { HttpProblem } from '../http/problem';

/** What a keyed action's read-model check led to: run it, or it was applied already (answer as applied). */
export type CheckOutcome = 'run' | 'applied';

/**
 * Runs the read-model check of a keyed action. A 409 (the step no longer open, the version moved on)
 * may be the client's own earlier try with the same Idempotency-Key, applied while the client heard
 * a 503 or the API crashed: the key is the Update id, and Temporal keeps a completed Update's outcome
 * by id (also once the workflow has closed). So before refusing, ask Temporal for the Update with
 * that id: completed → 'applied' (the caller answers as the first try would have); failed → its
 * failure, mapped by `problemOf`; no such Update → the refusal stands. An Update still running is
 * waited for, within the request deadline.
 */
export async function checkUnlessApplied(
  check: () => Promise<void>,
  updateId: string | undefined,
  handle: () => WorkflowHandle,
  problemOf: (error: unknown) => unknown,
): Promise<CheckOutcome> {
  try {
    await check();
    return 'run';
  } catch (refusal) {
    if (updateId === undefined || !(refusal instanceof HttpProblem) || refusal.status !== 409) throw refusal;
    try {
      await handle().getUpdateHandle(updateId).result();
      return 'applied';
    } catch (error) {
      // "update … not found" (or no workflow): nothing of this key was applied, the 409 is the answer.
      if (error instanceof WorkflowNotFoundError) throw refusal;
      throw problemOf(error);
    }
  }
}
