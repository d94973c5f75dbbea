import { WorkflowUpdateStage } from '@temporalio/client';
import { appraisalStartSignal, checkCompletenessUpdate, snapshotQuery, submitSupplementUpdate } from '../../../workflows/dossier/api';
import { lockRow, untilWaitingOnLock } from './row-lock';
import { createWorkflowStack, recordHistoryFixture, startDossier, waitForSnapshot, type WorkflowStack } from './support';

/** Long virtual days: no deadline fires while these scenarios run. */
const MS_PER_DAY = 60_000;
const MISSING = ['Báo cáo tài chính 2025'];

/**
 * A dossier step's transition commits the read model a moment before its activity's result reaches
 * the workflow. An action sent in that moment is judged against the state being recorded (taken when
 * made on it, stale when made on the one before), and its answer is the one it would have had later.
 */
describe('a dossier action while the step it acts on is being recorded', () => {
  let stack: WorkflowStack;

  beforeAll(async () => {
    stack = await createWorkflowStack('wf-dossier-recording');
  });
  afterAll(() => stack.close());

  it('takes the completeness check made on the submission to DOIT while that is still being recorded', async () => {
    const { handle, input } = await startDossier(stack, { msPerDay: MS_PER_DAY, awaitSubmission: true });
    const unlock = await lockRow(stack.prisma, 'dossiers', input.code);
    try {
      await handle.signal(appraisalStartSignal, { submittedOn: input.filedOn });
      await untilWaitingOnLock(stack.prisma);
      expect(await handle.query(snapshotQuery)).toMatchObject({ stage: 'COMPILATION', version: 0 });
      await expect(handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: true, expectedVersion: 0 }] })).rejects.toMatchObject({ cause: { type: 'StaleVersion' } });
      const check = await handle.startUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: true, expectedVersion: 1 }], waitForStage: WorkflowUpdateStage.ACCEPTED });
      await unlock();
      expect(await check.result()).toMatchObject({ stage: 'DEPARTMENT_OPINIONS', version: 2 });
    } finally {
      await unlock();
    }
    expect(await stack.prisma.dossier.findUniqueOrThrow({ where: { code: input.code } })).toMatchObject({ stage: 'DEPARTMENT_OPINIONS', version: 2 });
  });

  it('takes the supplement handed in while the request for it is still being recorded, and answers once it is received', async () => {
    const { handle, input } = await startDossier(stack, { msPerDay: MS_PER_DAY });
    const unlock = await lockRow(stack.prisma, 'dossiers', input.code);
    try {
      const check = await handle.startUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: false, missing: MISSING, expectedVersion: 1 }], waitForStage: WorkflowUpdateStage.ACCEPTED });
      await untilWaitingOnLock(stack.prisma);
      expect(await handle.query(snapshotQuery)).toMatchObject({ stage: 'COMPLETENESS_CHECK', version: 1 });
      const supplement = await handle.startUpdate(submitSupplementUpdate, { args: [{ actor: 'intake.officer', documents: MISSING }], waitForStage: WorkflowUpdateStage.ACCEPTED });
      await unlock();
      expect(await check.result()).toMatchObject({ stage: 'SUPPLEMENT_REQUESTED', version: 2, missing: MISSING });
      expect(await supplement.result()).toMatchObject({ stage: 'COMPLETENESS_CHECK', version: 3, missing: [] });
    } finally {
      await unlock();
    }
    await waitForSnapshot(handle, (s) => s.stage === 'COMPLETENESS_CHECK' && s.version === 3);
    const audited = await stack.prisma.auditEvent.findMany({ where: { dossierCode: input.code, action: { startsWith: 'dossier.' } }, orderBy: { occurredAt: 'asc' } });
    expect(audited.map((e) => e.action)).toEqual(expect.arrayContaining(['dossier.supplement-requested', 'dossier.supplement-received']));
    await recordHistoryFixture(handle, 'dossier-supplement-while-recording');
  });
});
