import { WorkflowUpdateStage } from '@temporalio/client';
import type { RequestedItem } from '../../../domain';
import { checkCompletenessUpdate, snapshotQuery, submitSupplementUpdate, withdrawUpdate } from '../../../workflows/dossier/api';
import { createWorkflowStack, recordHistoryFixture, startDossier, type WorkflowStack } from './support';

/**
 * The checklist's shape of the supplement Updates: the request's `items` and the receipt's
 * `versions` are recorded as given (audit trail, read model), and a second completeness check on
 * the version the procedure already took is refused. Its history is the replay fixture of this shape.
 */
describe('a supplement asked for and received item by item', () => {
  let stack: WorkflowStack;

  beforeAll(async () => {
    stack = await createWorkflowStack('wf-checklist');
  });
  afterAll(() => stack.close());

  it('records the requested items and the versions that came', async () => {
    const { handle, input } = await startDossier(stack, { msPerDay: 1_500 });
    const items: RequestedItem[] = [
      { code: 'FINANCIAL_PLAN', label: 'Phương án tài chính', kind: 'missing', reason: 'Chưa nộp.' },
      { code: 'LEGAL_STATUS', label: 'Hồ sơ pháp lý của doanh nghiệp', kind: 'defective', reason: 'Giấy chứng nhận đã hết hiệu lực.' },
    ];
    const missing = items.map((i) => `${i.label} (${i.code}): ${i.reason}`);
    const request = { actor: 'intake.officer', complete: false, missing, items, expectedVersion: 1 };
    // A second officer answers the same version while the first answer is being recorded: refused.
    const first = await handle.startUpdate(checkCompletenessUpdate, { args: [request], waitForStage: WorkflowUpdateStage.ACCEPTED });
    await expect(handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: true, expectedVersion: 1 }] })).rejects.toMatchObject({
      cause: { type: expect.stringMatching(/^(StaleVersion|WrongStage)$/) },
    });
    expect(await first.result()).toMatchObject({ stage: 'SUPPLEMENT_REQUESTED', version: 2, missing });
    const requested = await stack.prisma.auditEvent.findFirstOrThrow({ where: { dossierCode: input.code, action: 'dossier.supplement-requested' } });
    expect(requested.newValue).toMatchObject({ missing, items });
    const [mail] = await stack.smtp.waitFor((m) => m.subject.includes(input.code) && m.subject.includes('bổ sung'));
    expect(mail?.text).toContain('(LEGAL_STATUS): Giấy chứng nhận đã hết hiệu lực.');

    const versions = [{ item: 'FINANCIAL_PLAN', version: 1, versionId: '0f8e2a4c-6a43-4a5e-9d1f-2b5c7e9a1d3f', fileName: 'phuong-an.pdf', sha256: 'a'.repeat(64) }];
    const received = await handle.executeUpdate(submitSupplementUpdate, { args: [{ actor: 'intake.officer', documents: ['Phương án tài chính (FINANCIAL_PLAN) bản 1: phuong-an.pdf'], versions }] });
    expect(received).toMatchObject({ stage: 'COMPLETENESS_CHECK', version: 3, missing: [] });
    const receipt = await stack.prisma.auditEvent.findFirstOrThrow({ where: { dossierCode: input.code, action: 'dossier.supplement-received' } });
    expect(receipt.newValue).toMatchObject({ versions });

    await handle.executeUpdate(withdrawUpdate, { args: [{ actor: 'applicant', reason: 'Thay đổi kế hoạch đầu tư' }] });
    expect(await handle.result()).toEqual({ code: input.code, outcome: 'WITHDRAWN' });
    expect(await handle.query(snapshotQuery)).toMatchObject({ stage: 'CLOSED', status: 'WITHDRAWN' });
    await recordHistoryFixture(handle, 'checklist-items-supplement');
  });
});
