/**
 * dossiers.next_due is the earliest due date of the dossier's open tasks, kept by the trigger
 * tasks_next_due in the transaction of every task change: a task opened, closed, moved to another
 * date or another dossier, or deleted.
 */
import { createPrismaClient } from '../../../db/client';
import type { PrismaClient } from '../../../generated/prisma/client';
import { useTestPostgres } from '../../support/postgres';
import { insertDossier, insertTask } from '../staff-api/fixtures';
import { seedReferenceData } from '../../../db/seed/reference-data';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('dossiers.next_due', () => {
  const pg = useTestPostgres();
  let prisma: PrismaClient;
  beforeAll(async () => {
    prisma = createPrismaClient((await pg.createDatabase('next_due', { migrated: true })).url, { maxConnections: 2 });
    await seedReferenceData(prisma);
  });
  afterAll(() => prisma.$disconnect());

  const nextDue = async (id: string) => (await prisma.dossier.findUniqueOrThrow({ where: { id } })).nextDue?.toISOString().slice(0, 10) ?? null;

  it('follows the open tasks through every change', async () => {
    const a = await insertDossier(prisma);
    const b = await insertDossier(prisma);
    expect(await nextDue(a.id)).toBeNull();
    const late = await insertTask(prisma, { dossierId: a.id, dueOn: '2026-12-10' });
    const early = await insertTask(prisma, { dossierId: a.id, dueOn: '2026-12-03' });
    await insertTask(prisma, { dossierId: a.id, dueOn: null });
    await insertTask(prisma, { dossierId: a.id, dueOn: '2026-11-01', status: 'DONE' });
    expect(await nextDue(a.id)).toBe('2026-12-03');
    await prisma.task.update({ where: { id: early.id }, data: { status: 'DEEMED' } });
    expect(await nextDue(a.id)).toBe('2026-12-10');
    await prisma.task.update({ where: { id: late.id }, data: { dueOn: day('2026-12-15') } });
    expect(await nextDue(a.id)).toBe('2026-12-15');
    await prisma.task.update({ where: { id: late.id }, data: { dossierId: b.id } });
    expect([await nextDue(a.id), await nextDue(b.id)]).toEqual([null, '2026-12-15']);
    await prisma.task.delete({ where: { id: late.id } });
    expect(await nextDue(b.id)).toBeNull();
  });
});
