/**
 * The dossier view is one snapshot: a transition committing while views are being read is wholly in
 * a view or wholly out of it. Read in several statements (the dossier row, then its tasks, then its
 * audit trail), a view could show version n beside version n + 1's tasks or timeline, and a client
 * acting on it got StaleVersion with a currentVersion older than the version it had sent.
 */
import { getDossier } from '../../../api/dossiers/view';
import { getRound } from '../../../api/rounds/service';
import { createTestStack, type TestStack } from '../../support/stack';
import { insertDossier, insertTask } from '../staff-api/fixtures';

const TRANSITIONS = 40;

/** A round's version, its task's version and its timeline move together, as recordRoundTransition writes them. */
async function roundTransitions(stack: TestStack, roundId: string, taskId: string, count: number): Promise<void> {
  for (let version = 2; version <= count + 1; version += 1) {
    await stack.prisma.$transaction([
      stack.prisma.selectionRound.update({ where: { id: roundId }, data: { version } }),
      stack.prisma.task.update({ where: { id: taskId }, data: { version } }),
      stack.prisma.auditEvent.create({ data: { actor: 'system', action: 'round.transition', entityType: 'SelectionRound', entityId: roundId, newValue: { version } } }),
    ]);
  }
}

describe('GET /api/dossiers/{code} and GET /api/rounds/{code} read one snapshot', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await createTestStack('dossier-snapshot');
  });
  afterAll(() => stack.close());

  it('every view read during a run of transitions shows one version’s row, tasks and timeline together', async () => {
    const dossier = await insertDossier(stack.prisma, { stage: 'COMPLETENESS_CHECK' });
    const task = await insertTask(stack.prisma, { dossierId: dossier.id, role: 'INTAKE_OFFICER', kind: 'COMPLETENESS_CHECK', dueOn: null });
    // Each transition, as an activity writes it: the dossier's version, its task's version and the audit record, in one transaction.
    const transitions = (async () => {
      for (let version = 2; version <= TRANSITIONS + 1; version += 1) {
        await stack.prisma.$transaction([
          stack.prisma.dossier.update({ where: { id: dossier.id }, data: { version } }),
          stack.prisma.task.update({ where: { id: task.id }, data: { version } }),
          stack.prisma.auditEvent.create({
            data: { actor: 'intake', action: 'dossier.transition', entityType: 'Dossier', entityId: dossier.id, dossierCode: dossier.code, newValue: { version } },
          }),
        ]);
      }
    })();
    let writing = true;
    void transitions.finally(() => (writing = false));
    const seen = new Set<number>();
    const readers = Array.from({ length: 4 }, async () => {
      while (writing) {
        const view = await getDossier(stack.deps, dossier.code);
        const lastAudited = Math.max(1, ...view.timeline.map((event) => (event.newValue as { version: number }).version));
        expect({ version: view.version, taskVersion: view.tasks[0]?.version, lastAudited }).toEqual({ version: view.version, taskVersion: view.version, lastAudited: view.version });
        seen.add(view.version);
      }
    });
    await Promise.all([transitions, ...readers]);
    // The reads really overlapped the writes: views of several intermediate versions were seen.
    expect(seen.size).toBeGreaterThan(3);
    expect((await getDossier(stack.deps, dossier.code)).version).toBe(TRANSITIONS + 1);
  });
  it('a round view read during its transitions shows one version’s row, tasks and timeline together', async () => {
    const dossier = await insertDossier(stack.prisma, { stage: 'COMPILATION' });
    const round = await stack.prisma.selectionRound.findUniqueOrThrow({ where: { id: dossier.roundId } });
    const task = await stack.prisma.task.create({ data: { roundId: round.id, kind: 'DOSSIER_SUBMISSION', role: 'REVIEWER' } });
    let writing = true;
    const transitions = roundTransitions(stack, round.id, task.id, TRANSITIONS).finally(() => (writing = false));
    const seen = new Set<number>();
    const readers = Array.from({ length: 4 }, async () => {
      while (writing) {
        const view = await getRound(stack.deps, round.code as string);
        const lastAudited = Math.max(1, ...view.timeline.map((event) => (event.newValue as { version: number }).version));
        expect({ taskVersion: view.tasks[0]?.version, lastAudited }).toEqual({ taskVersion: view.version, lastAudited: view.version });
        seen.add(view.version);
      }
    });
    await Promise.all([transitions, ...readers]);
    expect(seen.size).toBeGreaterThan(3);
  });
});
