import type { ActivityDeps } from '../../../activities/deps';
import { recordTransition } from '../../../activities/dossier-records';
import { createUser, createWorkflowStack, startDossier, type WorkflowStack } from './support';

/** The round's winner is set once: an approval never replaces another dossier already approved. */
describe("the round's winner in the read model", () => {
  let stack: WorkflowStack;

  beforeAll(async () => {
    stack = await createWorkflowStack('wf-winner');
    await createUser(stack.prisma, { username: 'wf.manager', role: 'MANAGER' });
  });
  afterAll(() => stack.close());

  it('refuses, non-retryably and writing nothing, to approve a dossier of a round that already has another winner', async () => {
    const a = await startDossier(stack, { msPerDay: 60_000, clusterCode: 'VH-BINH-CHAU', email: 'a@example.vn' });
    const b = await startDossier(stack, { msPerDay: 60_000, clusterCode: 'VH-BINH-CHAU', email: 'b@example.vn' });
    await a.handle.terminate('kết thúc kịch bản thử');
    await b.handle.terminate('kết thúc kịch bản thử');
    const rowA = await stack.prisma.dossier.findUniqueOrThrow({ where: { code: a.input.code } });
    await stack.prisma.selectionRound.update({ where: { id: rowA.roundId }, data: { winnerDossierId: rowA.id, status: 'DECIDED' } });

    const deps = { prisma: stack.prisma, mailer: stack.mailer, config: { PUBLIC_BASE_URL: 'http://localhost' } } as ActivityDeps;
    const approveB = recordTransition(deps, {
      code: b.input.code,
      actor: 'wf.manager',
      action: 'decision.approve',
      after: { stage: 'MONITORING', status: 'APPROVED', version: 1 },
      decision: { outcome: 'APPROVE', reason: '', winner: true },
    });
    await expect(approveB).rejects.toMatchObject({ type: 'RoundAlreadyDecided', nonRetryable: true, message: expect.stringContaining(a.input.code) });

    expect(await stack.prisma.dossier.findUniqueOrThrow({ where: { code: b.input.code } })).toMatchObject({ stage: 'COMPLETENESS_CHECK', status: 'ACTIVE', version: 0 });
    expect(await stack.prisma.selectionRound.findUniqueOrThrow({ where: { id: rowA.roundId } })).toMatchObject({ winnerDossierId: rowA.id });
    expect(await stack.prisma.decision.count({ where: { roundId: rowA.roundId } })).toBe(0);
  });
});
