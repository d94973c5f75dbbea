/**
 * Round scenarios go the way the API goes: a letter is placed in its cluster's round by
 * placeInRound (update-with-start of the round, which starts the dossier's workflow as its child),
 * and a refused letter becomes a dossier of its own with its reason.
 */
import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { ruleSetById, ruleSetInForce } from '../../../domain';
import { placeInRound } from '../../../api/dossiers/admission';
import { awaitRegistrationUpdate, checkCompletenessUpdate, screenApplicantUpdate, snapshotQuery, submitScoreUpdate, submitSupplementUpdate, type DossierSnapshot, type DossierWorkflowInput } from '../../../workflows/dossier/api';
import type { dossierWorkflow } from '../../../workflows/dossier/workflow';
import { announceCallUpdate, roundSnapshotQuery, roundWorkflowId, submitDossiersUpdate, type RoundSnapshot } from '../../../workflows/round/api';
import type { roundWorkflow } from '../../../workflows/round/workflow';
import { criteria, ELIGIBLE_FACTS, giveOpinions, type WorkflowStack } from './support';

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

/** The round's public call on `announcedOn`, then, once its window has closed, the submission to DOIT: its applicants' appraisals start. */
export async function callAndSubmit(round: RoundHandle, actor: string, announcedOn: string, publishedAt: string): Promise<RoundSnapshot> {
  const pending = await waitForRound(round, (x) => x.stage === 'CALL_PENDING' && x.version === 1);
  await round.executeUpdate(announceCallUpdate, { args: [{ actor, announcedOn, publishedAt, expectedVersion: pending.version }] });
  const compiled = await waitForRound(round, (x) => x.stage === 'COMPILATION');
  return round.executeUpdate(submitDossiersUpdate, { args: [{ actor, expectedVersion: compiled.version }] });
}

/** Completeness (after one supplement when asked), every opinion, then the screening result. */
export async function appraise(dossier: Filed, options: { supplement?: boolean; eligible: boolean }) {
  let s = await waitForDossier(dossier.handle, (x) => x.stage === 'COMPLETENESS_CHECK');
  if (options.supplement) {
    s = await dossier.handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: false, missing: ['Báo cáo tài chính 2025'], expectedVersion: s.version }] });
    s = await dossier.handle.executeUpdate(submitSupplementUpdate, { args: [{ actor: 'intake.officer', documents: ['Báo cáo tài chính 2025'] }] });
  }
  s = await dossier.handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: true, expectedVersion: s.version }] });
  await giveOpinions(dossier.handle, s);
  s = await waitForDossier(dossier.handle, (x) => x.stage === 'SCREENING');
  const facts = options.eligible ? ELIGIBLE_FACTS : { ...ELIGIBLE_FACTS, equityVnd: 10_000_000_000 };
  return dossier.handle.executeUpdate(screenApplicantUpdate, { args: [{ actor: 'appraiser', facts, expectedVersion: s.version }] });
}

/** Every voting seat the dossier awaits (its snapshot names them) scores, each sheet varied a little. */
export async function scoreAll(dossier: Filed, points: [number, number, number, number], holdBack?: string) {
  const s = await waitForDossier(dossier.handle, (x) => x.stage === 'SCORING' && x.awaitedScores.length > 0);
  expect(s.awaitedScores).toEqual(expect.arrayContaining(['wf.chair', 'wf.member']));
  expect(s.awaitedScores).not.toContain('wf.secretary');
  for (const [i, member] of s.awaitedScores.entries()) {
    if (member === holdBack) continue;
    const [a, b, c, d] = points;
    await dossier.handle.executeUpdate(submitScoreUpdate, { args: [{ actor: member, councilRole: 'member', criteria: criteria(a - (i % 2), b, c, d) }] });
  }
}
export const score = (dossier: Filed, member: string, points: [number, number, number, number]) =>
  dossier.handle.executeUpdate(submitScoreUpdate, { args: [{ actor: member, councilRole: 'member', criteria: criteria(...points) }] });
