import { checkCompletenessUpdate, withdrawUpdate } from '../../../workflows/dossier/api';
import { createUser, createWorkflowStack, giveOpinions, recordHistoryFixture, startDossier, waitForSnapshot, type WorkflowStack } from './support';

/** One virtual day lasts one second: the 10-working-day opinion deadline fires after ~15 s. */
const MS_PER_DAY = 1_000;

describe('a consulted department that never answers', () => {
  let stack: WorkflowStack;

  beforeAll(async () => {
    stack = await createWorkflowStack('wf-deemed');
  });
  afterAll(() => stack.close());

  it('is reminded before its deadline and, when the durable timer fires, counts as deemed consent', async () => {
    await createUser(stack.prisma, { username: 'wf.police.reviewer', role: 'REVIEWER', departmentCode: 'POLICE', email: 'police.reviewer@example.gov.vn' });
    const { handle, input } = await startDossier(stack, { msPerDay: MS_PER_DAY, filedOn: '2026-10-05' });
    const s = await handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: true, expectedVersion: 1 }] });
    const police = s.opinionTasks.find((t) => t.departmentCode === 'POLICE');
    expect(police).toMatchObject({ status: 'OPEN', version: 1 });

    const toPolice = (subject: string) => (m: { to: string[]; subject: string }) =>
      m.to.includes('police.reviewer@example.gov.vn') && m.subject.includes(input.code) && m.subject.includes(subject);
    const [request] = await stack.smtp.waitFor(toPolice('Đề nghị cho ý kiến'));
    expect(request?.text).toContain(police?.deadline.due);

    await giveOpinions(handle, s, ['POLICE']);
    const [reminder] = await stack.smtp.waitFor(toPolice('Nhắc hạn'), 1, 30_000);
    expect(reminder?.text).toContain('coi là đồng ý');

    const after = await waitForSnapshot(handle, (x) => x.stage === 'SCREENING', 40_000);
    expect(after.opinionTasks.find((t) => t.departmentCode === 'POLICE')).toMatchObject({ status: 'DEEMED', verdict: 'DEEMED_CONSENT', version: 2 });
    expect(after.opinionTasks.filter((t) => t.status === 'DONE')).toHaveLength(4);

    const task = await stack.prisma.task.findUniqueOrThrow({ where: { id: police?.taskId as string }, include: { department: true } });
    expect(task).toMatchObject({ status: 'DEEMED', version: 2, kind: 'DEPARTMENT_OPINION' });
    expect(task.department?.code).toBe('POLICE');
    expect(task.dueOn?.toISOString().slice(0, 10)).toBe(police?.deadline.due);
    expect((task.payload as { remindedOn?: string }).remindedOn).toEqual(expect.any(String));
    const opinions = await stack.prisma.opinion.findMany({ where: { dossier: { code: input.code } }, include: { department: true } });
    expect(opinions).toHaveLength(5);
    expect(opinions.find((o) => o.department.code === 'POLICE')).toMatchObject({ verdict: 'DEEMED_CONSENT', deemed: true, givenById: null });
    expect(opinions.filter((o) => !o.deemed).every((o) => o.verdict === 'AGREE')).toBe(true);
    const deemedAudit = await stack.prisma.auditEvent.findMany({ where: { dossierCode: input.code, action: 'opinion.deemed' } });
    expect(deemedAudit).toMatchObject([{ actor: 'system' }]);
    expect(await stack.prisma.dossier.findUniqueOrThrow({ where: { code: input.code } })).toMatchObject({ stage: 'SCREENING', status: 'ACTIVE' });

    await handle.executeUpdate(withdrawUpdate, { args: [{ actor: 'applicant', reason: 'Kết thúc kịch bản thử' }] });
    await handle.result();
    await recordHistoryFixture(handle, 'deemed-consent');
  });
});
