/**
 * The dossier view is one snapshot: a transition that commits while the view is being read (after
 * the dossier row, before its audit trail and tasks) must not show up half. Without the snapshot the
 * view reported the old version beside the new version's timeline and tasks, and a client acting on
 * what it saw got StaleVersion with a currentVersion older than the version it had sent.
 */
import type { PrismaClient } from '../../../generated/prisma/client';
import { getDossier } from '../../../api/dossiers/view';
import { createTestStack, type TestStack } from '../../support/stack';
import { insertDossier, insertTask } from '../staff-api/fixtures';

describe('GET /api/dossiers/{code} reads one snapshot', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await createTestStack('dossier-snapshot');
  });
  afterAll(() => stack.close());

  it('a transition committed between the view’s reads is either wholly in it or wholly out', async () => {
    const dossier = await insertDossier(stack.prisma, { stage: 'COMPLETENESS_CHECK' });
    const task = await insertTask(stack.prisma, { dossierId: dossier.id, role: 'INTAKE_OFFICER', kind: 'COMPLETENESS_CHECK', dueOn: null });
    let injected = false;
    // Right after the view has read the dossier row, another connection commits version 2: the
    // completeness check done, its task closed, the opinions task opened, and the audit record.
    const racing = stack.prisma.$extends({
      query: {
        dossier: {
          async findUnique({ args, query }) {
            const row = await query(args);
            if (!injected) {
              injected = true;
              await stack.prisma.$transaction([
                stack.prisma.dossier.update({ where: { id: dossier.id }, data: { stage: 'DEPARTMENT_OPINIONS', version: 2 } }),
                stack.prisma.task.update({ where: { id: task.id }, data: { status: 'DONE', version: 2 } }),
                stack.prisma.auditEvent.create({
                  data: { actor: 'intake', action: 'dossier.complete', entityType: 'Dossier', entityId: dossier.id, dossierCode: dossier.code, newValue: { stage: 'DEPARTMENT_OPINIONS', version: 2 } },
                }),
              ]);
            }
            return row;
          },
        },
      },
    }) as unknown as PrismaClient;

    const during = await getDossier({ prisma: racing }, dossier.code);
    expect(injected).toBe(true);
    // The snapshot taken before the commit: version 1 with version 1's task and timeline.
    expect(during).toMatchObject({ version: 1, stage: 'COMPLETENESS_CHECK' });
    expect(during.tasks).toEqual([expect.objectContaining({ taskId: task.id, status: 'OPEN', version: 1 })]);
    expect(during.timeline.map((event) => event.action)).not.toContain('dossier.complete');

    const after = await getDossier({ prisma: stack.prisma }, dossier.code);
    expect(after).toMatchObject({ version: 2, stage: 'DEPARTMENT_OPINIONS' });
    expect(after.tasks).toEqual([expect.objectContaining({ taskId: task.id, status: 'DONE', version: 2 })]);
    expect(after.timeline.map((event) => event.action)).toContain('dossier.complete');
  });
});
