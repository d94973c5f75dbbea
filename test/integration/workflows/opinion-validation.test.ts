import { WorkflowUpdateFailedError } from '@temporalio/client';
import { checkCompletenessUpdate, giveOpinionUpdate, snapshotQuery, type OpinionInput } from '../../../workflows/dossier/api';
import { createWorkflowStack, startDossier, type WorkflowStack } from './support';

describe('department opinions', () => {
  let stack: WorkflowStack;

  beforeAll(async () => {
    stack = await createWorkflowStack('wf-opinions');
  });
  afterAll(() => stack.close());

  it('accepts the consulted department at the current task version and refuses a wrong department, a stale version and a second answer', async () => {
    const { handle, input } = await startDossier(stack, { msPerDay: 60_000, ruleSetId: 'decree-32-2024', filedOn: '2024-10-07' });
    const s = await handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: true, expectedVersion: 1 }] });
    expect(s.opinionTasks.map((t) => t.departmentCode)).toEqual(['DPI', 'DONRE', 'DOC', 'DOF', 'DARD', 'POLICE', 'DISTRICT_PC']);
    const doc = s.opinionTasks.find((t) => t.departmentCode === 'DOC');
    const opinion = (change: Partial<OpinionInput>): OpinionInput => ({
      actor: 'reviewer.doc',
      departmentCode: 'DOC',
      verdict: 'AGREE_WITH_CONDITIONS',
      text: 'Đồng ý, với điều kiện bổ sung phương án thoát nước.',
      taskVersion: 1,
      ...change,
    });
    const refused = (change: Partial<OpinionInput>) => handle.executeUpdate(giveOpinionUpdate, { args: [opinion(change)] });

    await expect(refused({ departmentCode: 'DAE' })).rejects.toMatchObject({ cause: { type: 'WrongDepartment' } });
    await expect(refused({ taskVersion: 0 })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(refused({ taskVersion: 0 })).rejects.toMatchObject({ cause: { type: 'StaleVersion', message: expect.stringMatching(/Phiên bản nhiệm vụ đã cũ/) } });
    await expect(refused({ verdict: 'OBJECT', text: ' ' })).rejects.toMatchObject({ cause: { type: 'NoText' } });

    const done = await handle.executeUpdate(giveOpinionUpdate, { args: [opinion({})] });
    expect(done).toMatchObject({ taskId: doc?.taskId, departmentCode: 'DOC', status: 'DONE', version: 2, verdict: 'AGREE_WITH_CONDITIONS' });
    await expect(refused({ taskVersion: 2 })).rejects.toMatchObject({ cause: { type: 'TaskClosed' } });
    await expect(refused({ taskVersion: 1 })).rejects.toMatchObject({ cause: { type: 'TaskClosed' } });

    // Refused updates never reach the history: only the accepted one does.
    const history = await handle.fetchHistory();
    const accepted = (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'giveOpinion');
    expect(accepted).toHaveLength(1);

    const stored = await stack.prisma.opinion.findMany({ where: { dossier: { code: input.code } }, include: { department: true } });
    expect(stored).toMatchObject([{ verdict: 'AGREE_WITH_CONDITIONS', deemed: false, text: expect.stringContaining('thoát nước') }]);
    expect(stored[0]?.department.code).toBe('DOC');
    expect(await stack.prisma.task.findUniqueOrThrow({ where: { id: doc?.taskId as string } })).toMatchObject({ status: 'DONE', version: 2 });
    expect((await handle.query(snapshotQuery)).stage).toBe('DEPARTMENT_OPINIONS');
    await handle.terminate('kết thúc kịch bản thử');
  });

  it('answers "not open yet" (a conflict to retry) for an opinion given before the workflow opened the tasks', async () => {
    const { handle } = await startDossier(stack, { msPerDay: 60_000, ruleSetId: 'decree-32-2024', filedOn: '2024-10-07' });
    const early: OpinionInput = { actor: 'reviewer.doc', departmentCode: 'DOC', verdict: 'AGREE', text: 'Thống nhất.', taskVersion: 1 };
    await expect(handle.executeUpdate(giveOpinionUpdate, { args: [early] })).rejects.toMatchObject({ cause: { type: 'NotOpenYet' } });
    const s = await handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: true, expectedVersion: 1 }] });
    expect(s.opinionTasks.some((t) => t.departmentCode === 'DOC')).toBe(true);
    expect(await handle.executeUpdate(giveOpinionUpdate, { args: [early] })).toMatchObject({ departmentCode: 'DOC', status: 'DONE' });
    await handle.terminate('kết thúc kịch bản thử');
  });
});
