import { WorkflowUpdateStage } from '@temporalio/client';
import { checkCompletenessUpdate, giveOpinionUpdate, withdrawUpdate } from '../../../workflows/dossier/api';
import { createWorkflowStack, recordHistoryFixture, startDossier, waitForSnapshot, type WorkflowStack } from './support';

// No timer should fire while these scenarios run.
const MS_PER_DAY = 60_000;

/**
 * decree-32-2024 lists DPI, DONRE, DOC, DOF, DARD, POLICE, DISTRICT_PC. DPI, DONRE and DARD ended
 * on 28/02/2025 (DPI → DOF, DONRE and DARD → DAE); DISTRICT_PC ended on 30/06/2025 (→ COMMUNE_PC).
 */
describe('opinion tasks of departments that no longer exist go to their successors', () => {
  let stack: WorkflowStack;

  beforeAll(async () => {
    stack = await createWorkflowStack('wf-successors');
  });
  afterAll(() => stack.close());

  it('a dossier opened on 01/04/2025 under decree-32-2024 consults DOF, DAE, DOC, POLICE and DISTRICT_PC, each once', async () => {
    const { handle, input } = await startDossier(stack, { msPerDay: MS_PER_DAY, filedOn: '2025-04-01', ruleSetId: 'decree-32-2024', clusterCode: 'VH-BINH-CHAU' });
    const s = await handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: true, expectedVersion: 1 }] });
    expect(s.stage).toBe('DEPARTMENT_OPINIONS');
    expect(s.opinionTasks.map((t) => t.departmentCode)).toEqual(['DOF', 'DAE', 'DOC', 'POLICE', 'DISTRICT_PC']);

    const tasks = await stack.prisma.task.findMany({ where: { dossier: { code: input.code }, kind: 'DEPARTMENT_OPINION' }, include: { department: true } });
    expect(tasks.map((t) => t.department?.code).sort()).toEqual(['DAE', 'DISTRICT_PC', 'DOC', 'DOF', 'POLICE']);
    const complete = await stack.prisma.auditEvent.findFirstOrThrow({ where: { dossierCode: input.code, action: 'dossier.complete' } });
    expect((complete.newValue as { consultedDepartments: unknown }).consultedDepartments).toEqual([
      { listed: 'DPI', code: 'DOF', via: ['DOF'] },
      { listed: 'DONRE', code: 'DAE', via: ['DAE'] },
      { listed: 'DOC', code: 'DOC', via: [] },
      { listed: 'POLICE', code: 'POLICE', via: [] },
      { listed: 'DISTRICT_PC', code: 'DISTRICT_PC', via: [] },
    ]);

    // The dissolved department has no task; its successor answers.
    await expect(
      handle.executeUpdate(giveOpinionUpdate, { args: [{ actor: 'reviewer.dpi', departmentCode: 'DPI', verdict: 'AGREE', text: '', taskVersion: 1 }] }),
    ).rejects.toMatchObject({ cause: { type: 'WrongDepartment', message: expect.stringMatching(/DPI không thuộc các sở, ngành được hỏi ý kiến/) } });
    const answered = await handle.executeUpdate(giveOpinionUpdate, { args: [{ actor: 'reviewer.dof', departmentCode: 'DOF', verdict: 'AGREE', text: 'Thống nhất.', taskVersion: 1 }] });
    expect(answered).toMatchObject({ departmentCode: 'DOF', status: 'DONE' });

    await handle.executeUpdate(withdrawUpdate, { args: [{ actor: 'applicant', reason: 'Rút hồ sơ' }] });
    await handle.result();
    await recordHistoryFixture(handle, 'department-successors');
  });

  it('a department dissolved without successor is an administrator\'s task, and the dossier goes on once the catalogue is fixed', async () => {
    await stack.prisma.department.update({ where: { code: 'DISTRICT_PC' }, data: { successorCode: null } });
    // One-second days: the dossier tries the catalogue again every (virtual) day.
    const { handle, input } = await startDossier(stack, { msPerDay: 1_000, filedOn: '2025-08-01', ruleSetId: 'decree-32-2024', clusterCode: 'VH-TUYEN-BINH' });
    await handle.startUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: true, expectedVersion: 1 }], waitForStage: WorkflowUpdateStage.ACCEPTED });
    const fixTask = async () => stack.prisma.task.findFirst({ where: { dossier: { code: input.code }, kind: 'CATALOGUE_FIX' } });
    for (let i = 0; i < 60 && !(await fixTask()); i++) await new Promise((r) => setTimeout(r, 250));
    const task = await fixTask();
    expect(task).toMatchObject({ role: 'ADMIN', status: 'OPEN' });
    expect((task?.payload as { problem: string }).problem).toContain('DISTRICT_PC');
    expect((await handle.describe()).status.name).toBe('RUNNING');

    await stack.prisma.department.update({ where: { code: 'DISTRICT_PC' }, data: { successorCode: 'COMMUNE_PC' } });
    const s = await waitForSnapshot(handle, (x) => x.stage === 'DEPARTMENT_OPINIONS', 30_000);
    expect(s.opinionTasks.map((t) => t.departmentCode)).toContain('COMMUNE_PC');
    expect(await fixTask()).toMatchObject({ status: 'DONE' });
    await handle.terminate('kết thúc kịch bản thử');
  });
});
