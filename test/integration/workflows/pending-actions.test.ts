import { WorkflowUpdateStage } from '@temporalio/client';
import {
  checkCompletenessUpdate,
  screenApplicantUpdate,
  withdrawUpdate,
  type DossierSnapshot,
} from '../../../workflows/dossier/api';
import { createUser, createWorkflowStack, ELIGIBLE_FACTS, giveOpinions, sleep, startDossier, waitForSnapshot, type DossierHandle, type WorkflowStack } from './support';

/** Long virtual days: no deadline fires while these scenarios run. */
const MS_PER_DAY = 60_000;

/**
 * An action an Update deposited stays pending until the procedure has recorded its transition:
 * meanwhile the validators refuse what would no longer fit (a late score, a withdrawal).
 */
describe('actions while a pending action is being recorded', () => {
  let stack: WorkflowStack;

  beforeAll(async () => {
    stack = await createWorkflowStack('wf-pending');
    for (const username of ['wf.chair', 'wf.member1']) await createUser(stack.prisma, { username, role: 'COUNCIL_MEMBER' });
  });
  afterAll(() => stack.close());

  async function toScreening(clusterCode: string): Promise<{ handle: DossierHandle; code: string; s: DossierSnapshot }> {
    const { handle, input } = await startDossier(stack, { msPerDay: MS_PER_DAY, clusterCode });
    const s = await handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: true, expectedVersion: 1 }] });
    await giveOpinions(handle, s);
    return { handle, code: input.code, s: await waitForSnapshot(handle, (x) => x.stage === 'SCREENING') };
  }

  /** The update's outcome, or 'pending' when it has not finished within `ms`. */
  const within = <T>(promise: Promise<T>, ms: number) =>
    Promise.race([promise.then((value) => ({ value }), (error: unknown) => ({ error })), sleep(ms).then(() => 'pending' as const)]);

  it('refuses a withdrawal while the screening result is being recorded, and the workflow ends', async () => {
    const { handle, s } = await toScreening('TTR-TAN-BINH-2');
    const facts = { ...ELIGIBLE_FACTS, equityVnd: 100_000_000_000 };
    const screening = await handle.startUpdate(screenApplicantUpdate, { args: [{ actor: 'appraiser', facts, expectedVersion: s.version }], waitForStage: WorkflowUpdateStage.ACCEPTED });
    const withdrawal = await within(handle.executeUpdate(withdrawUpdate, { args: [{ actor: 'applicant', reason: 'Doanh nghiệp rút hồ sơ.' }] }), 15_000);
    expect(withdrawal).toMatchObject({ error: { cause: { type: 'WrongStage' } } });
    expect(await screening.result()).toMatchObject({ stage: 'CLOSED', status: 'REFUSED' });
    expect(await within(handle.result(), 15_000)).toMatchObject({ value: { outcome: 'REFUSED' } });
  });
});
