import { WorkflowUpdateStage } from '@temporalio/client';
import { announceCallUpdate, roundSnapshotQuery, submitDossiersUpdate } from '../../../workflows/round/api';
import { fileLetter, roundHandle, waitForRound } from './round-support';
import { lockRow, untilWaitingOnLock } from './row-lock';
import { createUser, createWorkflowStack, recordHistoryFixture, type WorkflowStack } from './support';

/** Two seconds a virtual day: the 5-working-day window closes about 16 s after the letter. */
const MS_PER_DAY = 2_000;
const FILED_ON = '2026-10-05';

/**
 * A round step's transition commits the read model (the step's task is in the inbox) a moment before
 * its activity's result reaches the workflow. An action sent in that moment is judged against the
 * state being recorded: taken when it is made on it, refused as stale when made on the one before.
 */
describe('a round action while the step it acts on is being recorded', () => {
  let stack: WorkflowStack;

  beforeAll(async () => {
    stack = await createWorkflowStack('wf-round-recording');
    await createUser(stack.prisma, { username: 'wf.pc', role: 'REVIEWER', departmentCode: 'COMMUNE_PC' });
  });
  afterAll(() => stack.close());

  it('takes the submission made on the window’s close while that close is still being recorded', async () => {
    const letter = await fileLetter(stack, { clusterCode: 'DH-HIEP-HOA-1', filedOn: FILED_ON, msPerDay: MS_PER_DAY });
    const round = roundHandle(stack, letter.roundCode);
    const pending = await waitForRound(round, (x) => x.stage === 'CALL_PENDING' && x.version === 1);
    const open = await round.executeUpdate(announceCallUpdate, { args: [{ actor: 'wf.pc', announcedOn: FILED_ON, publishedAt: 'Báo Long An', expectedVersion: pending.version }] });
    expect(open).toMatchObject({ stage: 'WINDOW_OPEN', version: 2 });

    const unlock = await lockRow(stack.prisma, 'selection_rounds', letter.roundCode);
    try {
      await untilWaitingOnLock(stack.prisma);
      // The close (COMPILATION, version 3) is being written; the workflow's own state is still the window.
      expect(await round.query(roundSnapshotQuery)).toMatchObject({ stage: 'WINDOW_OPEN', version: 2 });
      await expect(round.executeUpdate(submitDossiersUpdate, { args: [{ actor: 'wf.pc', expectedVersion: 2 }] })).rejects.toMatchObject({ cause: { type: 'StaleVersion' } });
      const submission = await round.startUpdate(submitDossiersUpdate, { args: [{ actor: 'wf.pc', expectedVersion: 3 }], waitForStage: WorkflowUpdateStage.ACCEPTED });
      await unlock();
      expect(await submission.result()).toMatchObject({ stage: 'APPRAISAL', version: 4, applicants: [{ code: letter.input.code, standing: 'IN_APPRAISAL' }] });
    } finally {
      await unlock();
    }

    const row = await stack.prisma.selectionRound.findUniqueOrThrow({ where: { code: letter.roundCode } });
    expect(row).toMatchObject({ status: 'APPRAISAL', version: 4 });
    const audited = await stack.prisma.auditEvent.findMany({ where: { entityType: 'SelectionRound', entityId: row.id, action: { startsWith: 'round.' } }, orderBy: { occurredAt: 'asc' } });
    expect(audited.map((e) => e.action)).toEqual(['round.opened', 'round.call-pending', 'round.call-announced', 'round.window-closed', 'round.dossiers-submitted']);
    await recordHistoryFixture(round, 'round-submitted-while-recording');
  }, 120_000);
});
