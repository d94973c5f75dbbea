/**
 * A person's action that reaches a dossier a moment before the workflow has moved it to that step
 * (409 WrongStage), or while the same keyed request is still running (409 InProgress), is retried
 * quietly a few times before the refusal is shown: the person should not have to press again
 * because the server was a second behind.
 */
import { isNotReadyYet } from './problem';

/** Waits between tries (ms): about 7 s in all, longer than a workflow step takes under load. */
export const NOT_READY_DELAYS_MS = [300, 700, 1500, 2000, 2500];

export async function retryWhileNotReady<T>(
  action: () => Promise<T>,
  delays: readonly number[] = NOT_READY_DELAYS_MS,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      const delay = delays[attempt];
      if (!isNotReadyYet(error) || delay === undefined) throw error;
      await sleep(delay);
    }
  }
}
