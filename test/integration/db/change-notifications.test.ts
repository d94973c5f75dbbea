/**
 * The API keeps the calendar index and the signed-in accounts in memory between changes, told of
 * each by PostgreSQL (triggers calling pg_notify, LISTEN on its own connection): no query per request
 * while it listens, a change by any writer seen once notified (a deactivated account refused), and a
 * query per request again whenever the listener is away (stopped, or its connection lost until it
 * reconnects).
 */
import { isWorkingDay } from '../../../domain';
import { createPrismaClient } from '../../../db/client';
import { watchChanges, type ChangeWatch } from '../../../db/change-notifications';
import { loadActiveUser } from '../../../api/auth/users';
import { loadWorkingDayIndex } from '../../../db/working-day-calendar';
import type { PrismaClient } from '../../../generated/prisma/client';
import { useTestPostgres } from '../../support/postgres';

// A Thursday, a working day in the seeded calendar.
const DAY = '2026-12-17';

async function until(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`not ${what} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the calendar index and signed-in accounts kept between notified changes', () => {
  const pg = useTestPostgres();
  let prisma: PrismaClient;
  let queries = 0;
  let counted: Pick<PrismaClient, 'calendarEntry'>;
  let watch: ChangeWatch | undefined;

  beforeAll(async () => {
    const db = await pg.createDatabase('calendar_notify', { migrated: true });
    prisma = createPrismaClient(db.url, { maxConnections: 3 });
    counted = { calendarEntry: { findMany: ((args: never) => (queries++, prisma.calendarEntry.findMany(args))) as never } as unknown as PrismaClient['calendarEntry'] };
    watch = watchChanges(db.url);
  });
  afterAll(async () => {
    await watch?.stop();
    await prisma.$disconnect();
  });

  const loads = async (n: number) => {
    const before = queries;
    let index;
    for (let i = 0; i < n; i++) index = await loadWorkingDayIndex(counted);
    return { queries: queries - before, index: index! };
  };

  it('reads the overrides once while listening, and again once another writer changed a day', async () => {
    await until('listening', () => watch?.epoch('calendar_changed') != null);
    expect((await loads(5)).queries).toBe(1);
    const epoch = watch!.epoch('calendar_changed');
    // Another writer (hand-run SQL, another API process): the trigger tells the listener at commit.
    await prisma.$executeRaw`INSERT INTO calendar_entries (date, working, reason, source) VALUES (${new Date(`${DAY}T00:00:00Z`)}::date, false, 'Nghỉ bù do thiên tai', 'ADMIN')`;
    await until('notified', () => watch!.epoch('calendar_changed') !== epoch);
    const after = await loads(5);
    expect(after.queries).toBe(1);
    expect(isWorkingDay(after.index.calendar, DAY)).toBe(false);
  });

  it('reads a signed-in account once while listening, and refuses it once its deactivation is notified', async () => {
    await until('listening', () => watch?.epoch('accounts_changed') != null);
    // Creating the account is a change too (one transaction: PostgreSQL sends its notification once).
    const created = watch!.epoch('accounts_changed');
    const { id } = await prisma.user.create({ data: { username: 'notified.intake', passwordHash: 'x', fullName: 'Cán bộ tiếp nhận', email: 'intake@example.vn', roles: { create: [{ role: 'INTAKE_OFFICER' }] } } });
    await until('creation notified', () => watch!.epoch('accounts_changed') !== created);
    let reads = 0;
    const countedUsers = { $queryRaw: ((...args: never[]) => (reads++, (prisma.$queryRaw as (...a: never[]) => unknown)(...args))) as never } as unknown as PrismaClient;
    for (let i = 0; i < 5; i++) expect(await loadActiveUser(countedUsers, id)).toMatchObject({ username: 'notified.intake', roles: ['INTAKE_OFFICER'] });
    expect(reads).toBe(1);

    // A role granted by another writer: read again once notified.
    const epoch = watch!.epoch('accounts_changed');
    await prisma.userRole.create({ data: { userId: id, role: 'APPRAISER' } });
    await until('notified', () => watch!.epoch('accounts_changed') !== epoch);
    expect(await loadActiveUser(countedUsers, id)).toMatchObject({ roles: ['APPRAISER', 'INTAKE_OFFICER'] });
    expect(reads).toBe(2);

    // Deactivated: refused from the notification on.
    const before = watch!.epoch('accounts_changed');
    await prisma.user.update({ where: { id }, data: { active: false } });
    await until('notified', () => watch!.epoch('accounts_changed') !== before);
    expect(await loadActiveUser(countedUsers, id)).toBeNull();
    expect(await loadActiveUser(countedUsers, id)).toBeNull();
    expect(reads).toBe(4);
  });

  it('reads at every request while the listener is away, and keeps the index again once it is back', async () => {
    await until('listening', () => watch?.epoch('calendar_changed') != null);
    await prisma.$queryRaw`SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND pid <> pg_backend_pid()`;
    await until('lost', () => watch!.epoch('calendar_changed') === null);
    expect((await loads(3)).queries).toBe(3);
    await until('back', () => watch!.epoch('calendar_changed') !== null);
    expect((await loads(3)).queries).toBe(1);
    await watch!.stop();
    expect((await loads(3)).queries).toBe(3);
  });
});
