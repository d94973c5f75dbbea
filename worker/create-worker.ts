import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { cachedWorkflowBundle } from './workflow-bundle';

/**
 * Workflows one worker keeps in memory between their tasks. The SDK's default grows with the heap
 * limit (600 per GiB, ~2,300 here, ~1.5 GB of workflow state); a dossier waits days between human
 * steps, so a cached copy is rarely used again soon, and an evicted one costs one replay of its
 * short history (a few ms) at its next task. Measured figures: README, "Performance and scale".
 */
export const DEFAULT_CACHED_WORKFLOWS = 500;

export interface WorkerSetup {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** Encrypts payloads (infra/payload-codec.ts); required so that no worker writes personal data in clear. */
  dataConverter: DataConverter;
  /** A prebuilt bundle (tests build it once); otherwise the bundle cached for the current sources (worker/workflow-bundle.ts). */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** WORKER_CACHED_WORKFLOWS; default DEFAULT_CACHED_WORKFLOWS. */
  cachedWorkflows?: number;
  /** Replaces some activities with wrappers of the real ones: a test that must hold one at a chosen moment. */
  wrapActivities?: (activities: Activities) => Partial<Activities>;
}

type Activities = ReturnType<typeof createActivities>;

export async function createWorker(setup: WorkerSetup): Promise<Worker> {
  const activities = createActivities(setup.deps);
  return Worker.create({
    connection: setup.connection,
    namespace: setup.namespace,
    taskQueue: setup.taskQueue,
    activities: { ...activities, ...setup.wrapActivities?.(activities) },
    dataConverter: setup.dataConverter,
    workflowBundle: setup.workflowBundle ?? { codePath: (await cachedWorkflowBundle()).codePath },
    maxCachedWorkflows: setup.cachedWorkflows ?? DEFAULT_CACHED_WORKFLOWS,
  });
}
