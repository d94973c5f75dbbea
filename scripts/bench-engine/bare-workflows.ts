/**
 * The limit the engine benchmarks compare with: a bare Temporal workflow that takes as many Updates
 * and runs as many no-op activities as one of this project's dossier lifecycles (counted from its
 * histories), and nothing else: no read model, no mail, no encryption, no HTTP.
 */
import { condition, defineUpdate, proxyActivities, setHandler, allHandlersFinished } from '@temporalio/workflow';

const { noop } = proxyActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '30 seconds' });

/** One step of the lifecycle: its argument is how many activities the step runs before it answers. */
export const step = defineUpdate<number, [number]>('step');

export async function bareLifecycle(steps: number): Promise<void> {
  let taken = 0;
  setHandler(step, async (activities) => {
    for (let i = 0; i < activities; i++) await noop();
    taken += 1;
    return taken;
  });
  await condition(() => taken >= steps);
  await condition(allHandlersFinished);
}
