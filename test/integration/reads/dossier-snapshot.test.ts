/**
 * The dossier view is one snapshot: a transition committing while views are being read is wholly in
 * a view or wholly out of it. Read in several statements (the dossier row, then its tasks, then its
 * audit trail), a view could show version n beside version n + 1's tasks or timeline, and a client
 * acting on it got StaleVersion with a currentVersion older than the version it had sent.
 */
import { getDossier } from '../../../api/dossiers/view';
import { createTestStack, type TestStack } from '../../support/stack';
import { insertDossier, insertTask } from '../staff-api/fixtures';

const TRANSITIONS = 40;

describe('GET /api/dossiers/{code} reads one snapshot', () => {
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
});
