import { WorkflowUpdateStage } from '@temporalio/client';
import { announceCallUpdate, roundSnapshotQuery, submitDossiersUpdate, submitRoundReportUpdate } from '../../../workflows/round/api';
import { appraise, callAndSubmit, fileLetter, roundHandle, scoreAll, waitForRound } from './round-support';
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

  /** The next computeDeadline call waits here until released, once armed by holdNextDeadline(). */
  let heldDeadline: { reached(): void; released: Promise<void> } | undefined;
  const holdNextDeadline = () => {
    let reached: () => void = () => undefined;
    let release: () => void = () => undefined;
    const isReached = new Promise<void>((resolve) => (reached = resolve));
    heldDeadline = { reached, released: new Promise<void>((resolve) => (release = resolve)) };
    return { reached: isReached, release };
  };

  beforeAll(async () => {
    stack = await createWorkflowStack('wf-round-recording', {
      wrapActivities: (real) => ({
        computeDeadline: async (request) => {
          const held = heldDeadline;
          heldDeadline = undefined;
          if (held) {
            held.reached();
            await held.released;
          }
          return real.computeDeadline(request);
        },
      }),
    });
    await createUser(stack.prisma, { username: 'wf.pc', role: 'REVIEWER', departmentCode: 'COMMUNE_PC' });
    await createUser(stack.prisma, { username: 'wf.chair', role: 'COUNCIL_MEMBER', seat: 'CHAIR' });
    await createUser(stack.prisma, { username: 'wf.member', role: 'COUNCIL_MEMBER', seat: 'MEMBER' });
    await createUser(stack.prisma, { username: 'wf.secretary', role: 'COUNCIL_MEMBER', seat: 'SECRETARY' });
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

  it('refuses a second report made on the version whose report the round has taken and not yet recorded', async () => {
    const letter = await fileLetter(stack, { clusterCode: 'DH-LOC-GIANG-2', filedOn: FILED_ON, msPerDay: MS_PER_DAY });
    const round = roundHandle(stack, letter.roundCode);
    await callAndSubmit(round, 'wf.pc', FILED_ON, 'Báo Long An');
    await appraise(letter, { eligible: true });
    await scoreAll(letter, [14, 13, 27, 36]);
    const r = await waitForRound(round, (x) => x.stage === 'REPORT');

    // The first report is taken; the decision's deadline is being counted before it is recorded.
    const deadline = holdNextDeadline();
    const first = await round.startUpdate(submitRoundReportUpdate, { args: [{ actor: 'appraiser', summary: 'Đề xuất nhà đầu tư duy nhất đạt điểm.', expectedVersion: r.version }], waitForStage: WorkflowUpdateStage.ACCEPTED });
    await deadline.reached;
    const second = await round.startUpdate(submitRoundReportUpdate, { args: [{ actor: 'appraiser.two', summary: 'Một báo cáo khác.', expectedVersion: r.version }], waitForStage: WorkflowUpdateStage.ACCEPTED });
    deadline.release();
    await expect(second.result()).rejects.toMatchObject({ cause: { type: 'StaleVersion' } });
    expect(await first.result()).toMatchObject({ stage: 'DECISION', version: r.version + 1, report: { by: 'appraiser', proposed: letter.input.code } });
  }, 180_000);
});
