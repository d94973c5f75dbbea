import { addDays, daysBetween } from '../../../domain';
import { checkCompletenessUpdate, decideUpdate, screenApplicantUpdate, submitReportUpdate, submitScoreUpdate } from '../../../workflows/dossier/api';
import { createUser, createWorkflowStack, criteria, ELIGIBLE_FACTS, giveOpinions, recordHistoryFixture, sleep, startDossier, waitForSnapshot, type WorkflowStack } from './support';

const MS_PER_DAY = 1_000;
const FILED_ON = '2026-10-05';

describe('a decision past its deadline, across a worker restart', () => {
  let stack: WorkflowStack;

  beforeAll(async () => {
    stack = await createWorkflowStack('wf-overdue');
    await createUser(stack.prisma, { username: 'wf.member', role: 'COUNCIL_MEMBER' });
    await createUser(stack.prisma, { username: 'wf.leader', role: 'MANAGER', email: 'leader@example.gov.vn' });
  });
  afterAll(() => stack.close());

  it('fires the durable deadline timer while no worker ran, tells the managers once, and still takes the decision', async () => {
    const { handle, input } = await startDossier(stack, { msPerDay: MS_PER_DAY, filedOn: FILED_ON, clusterCode: 'TTH-CA-NHIP' });
    const started = (await handle.describe()).startTime.getTime();
    let s = await handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: true, expectedVersion: 0 }] });
    await giveOpinions(handle, s);
    s = await waitForSnapshot(handle, (x) => x.stage === 'SCREENING');
    s = await handle.executeUpdate(screenApplicantUpdate, { args: [{ actor: 'appraiser', facts: ELIGIBLE_FACTS, expectedVersion: s.version }] });
    await handle.executeUpdate(submitScoreUpdate, { args: [{ actor: 'wf.member', councilRole: 'member', criteria: criteria(12, 12, 24, 32) }] });
    s = await handle.executeUpdate(submitReportUpdate, { args: [{ actor: 'appraiser', summary: 'Đề xuất chọn nhà đầu tư.', expectedVersion: s.version }] });
    const due = s.deadlines.decision?.due as string;
    expect(s.stage).toBe('DECISION');

    // No worker while the deadline passes: the timer is the server's, the new worker handles it.
    await stack.stopWorker();
    const passes = started + daysBetween(FILED_ON, addDays(due, 1)) * MS_PER_DAY;
    await sleep(Math.max(0, passes - Date.now()) + 500);
    expect(stack.smtp.messages.some((m) => m.subject.includes(input.code) && m.subject.includes('Quá hạn'))).toBe(false);
    await stack.startWorker();

    const [overdue] = await stack.smtp.waitFor((m) => m.to.includes('leader@example.gov.vn') && m.subject.includes(input.code) && m.subject.includes('Quá hạn'), 1, 30_000);
    expect(overdue?.text).toContain(due);
    const task = await stack.prisma.task.findFirstOrThrow({ where: { dossier: { code: input.code }, kind: 'DECISION' } });
    expect(task).toMatchObject({ status: 'OPEN', role: 'MANAGER' });
    expect(task.dueOn?.toISOString().slice(0, 10)).toBe(due);

    s = await handle.executeUpdate(decideUpdate, { args: [{ actor: 'wf.leader', outcome: 'APPROVE', reason: '', expectedVersion: s.version }] });
    expect(s).toMatchObject({ stage: 'MONITORING', status: 'APPROVED' });
    await handle.result();
    expect(stack.smtp.messages.filter((m) => m.to.includes('leader@example.gov.vn') && m.subject.includes('Quá hạn'))).toHaveLength(1);
    await recordHistoryFixture(handle, 'decision-overdue-after-worker-restart');
  });
});
