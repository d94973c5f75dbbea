/**
 * The bare side of the engine benchmarks: drives bare-workflows.ts with the Temporal client, with
 * the lifecycle's shape (Updates, activities per Update) counted from this project's own histories.
 */
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { bareLifecycle, step } from './bare-workflows';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

export interface HistoryShape {
  events: number;
  updates: number;
  activities: number;
  /** Scheduled activities by type, most frequent first. */
  byType: [string, number][];
}

/** Events, accepted Updates and scheduled activities of some histories together. */
export function historyShape(histories: HistoryEvent[][]): HistoryShape {
  const events = histories.flat();
  const byType = new Map<string, number>();
  for (const e of events) {
    const type = e.activityTaskScheduledEventAttributes?.activityType?.name;
    if (type) byType.set(type, (byType.get(type) ?? 0) + 1);
  }
  return {
    events: events.length,
    updates: events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length,
    activities: events.filter((e) => e.activityTaskScheduledEventAttributes).length,
    byType: [...byType].sort((a, b) => b[1] - a[1]),
  };
}

export async function histories(client: Client, workflowIds: string[]): Promise<HistoryEvent[][]> {
  return Promise.all(workflowIds.map(async (id) => (await client.workflow.getHandle(id).fetchHistory()).events ?? []));
}

/** How many activities each of `updates` steps runs so that they add up to `activities`. */
export function activitiesPerStep(shape: Pick<HistoryShape, 'updates' | 'activities'>): number[] {
  const base = Math.floor(shape.activities / shape.updates);
  const extra = shape.activities % shape.updates;
  return Array.from({ length: shape.updates }, (_, i) => base + (i < extra ? 1 : 0));
}

/** The first step starts the workflow (update-with-start, as a submission starts a round). */
export async function startBare(client: Client, taskQueue: string, workflowId: string, steps: number[]): Promise<void> {
  const start = new WithStartWorkflowOperation(bareLifecycle, { workflowId, taskQueue, args: [steps.length], workflowIdConflictPolicy: 'USE_EXISTING' });
  await client.workflow.executeUpdateWithStart(step, { args: [steps[0] ?? 0], startWorkflowOperation: start });
}

/** One bare lifecycle: every step in turn, then the workflow's end. */
export async function runBareLifecycle(client: Client, taskQueue: string, workflowId: string, steps: number[]): Promise<void> {
  await startBare(client, taskQueue, workflowId, steps);
  const handle = client.workflow.getHandle(workflowId);
  for (const activities of steps.slice(1)) await handle.executeUpdate(step, { args: [activities] });
  await handle.result();
}
