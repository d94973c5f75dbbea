/**
 * Round scenarios go the way the API goes: a letter is placed in its cluster's round by
 * placeInRound (update-with-start of the round, which starts the dossier's workflow as its child),
 * and a refused letter becomes a dossier of its own with its reason.
 */
import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { ruleSetById, ruleSetInForce } from '../../../domain';
import { placeInRound } from '../../../api/dossiers/admission';
import { awaitRegistrationUpdate, snapshotQuery, type DossierSnapshot, type DossierWorkflowInput } from '../../../workflows/dossier/api';
import type { dossierWorkflow } from '../../../workflows/dossier/workflow';
import { roundSnapshotQuery, roundWorkflowId, type RoundSnapshot } from '../../../workflows/round/api';
import type { roundWorkflow } from '../../../workflows/round/workflow';
import type { WorkflowStack } from './support';

export type RoundHandle = WorkflowHandle<typeof roundWorkflow>;

export interface Filed {
  input: DossierWorkflowInput;
  handle: WorkflowHandle<typeof dossierWorkflow>;
  roundCode: string;
  refusal?: string;
}

/** A workflow-id prefix per stack keeps its rounds apart from other test files' on the shared Temporal server. */
export const prefixOf = (stack: WorkflowStack) => `${stack.taskQueue}-`;

export async function fileLetter(stack: WorkflowStack, options: { clusterCode: string; filedOn: string; msPerDay: number; email?: string }): Promise<Filed> {
  const suffix = randomBytes(5).toString('hex').toUpperCase();
  const ruleSetId = ruleSetInForce(options.filedOn).id;
  const letter: DossierWorkflowInput = {
    code: `CCN-R${suffix.slice(0, 4)}-${suffix.slice(4, 9)}`,
    clusterCode: options.clusterCode,
    filedOn: options.filedOn,
    ruleSetId,
    ruleSet: ruleSetById(ruleSetId),
    applicant: { name: `Công ty CP Hạ tầng ${suffix.slice(0, 3)}`, taxCode: `12${String(parseInt(suffix.slice(0, 7), 16) % 100_000_000).padStart(8, '0')}`, email: options.email ?? `${suffix.toLowerCase()}@example.vn` },
    projectTitle: `Hạ tầng kỹ thuật CCN ${options.clusterCode}`,
    submittedBy: 'intake.officer',
  };
  const deps = { prisma: stack.prisma, temporal: stack.temporal, config: { TEMPORAL_TASK_QUEUE: stack.taskQueue, WORKFLOW_ID_PREFIX: prefixOf(stack) } } as Parameters<typeof placeInRound>[0];
  const placement = await placeInRound(deps, letter, { msPerDay: options.msPerDay });
  const input: DossierWorkflowInput = { ...letter, roundCode: placement.roundCode, ...(placement.refusal ? { refusal: placement.refusal } : {}) };
  if (placement.refusal) {
    await stack.temporal.workflow.start<typeof dossierWorkflow>('dossierWorkflow', { workflowId: input.code, taskQueue: stack.taskQueue, args: [input] });
  }
  const handle = stack.temporal.workflow.getHandle<typeof dossierWorkflow>(input.code);
  await handle.executeUpdate(awaitRegistrationUpdate);
  return { input, handle, roundCode: placement.roundCode, refusal: placement.refusal };
}

export const roundHandle = (stack: WorkflowStack, code: string): RoundHandle => stack.temporal.workflow.getHandle<typeof roundWorkflow>(roundWorkflowId(prefixOf(stack), code));

async function poll<T>(read: () => Promise<T>, predicate: (value: T) => boolean, what: string, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (predicate(value)) return value;
    if (Date.now() > until) throw new Error(`${what} not reached in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export const waitForRound = (handle: RoundHandle, predicate: (s: RoundSnapshot) => boolean, timeoutMs = 60_000) =>
  poll(() => handle.query(roundSnapshotQuery), predicate, 'round condition', timeoutMs);

export const waitForDossier = (handle: Filed['handle'], predicate: (s: DossierSnapshot) => boolean, timeoutMs = 60_000) =>
  poll(() => handle.query(snapshotQuery), predicate, 'dossier condition', timeoutMs);
