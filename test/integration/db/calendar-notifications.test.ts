/**
 * The API keeps the calendar index in memory between calendar changes, told of each by PostgreSQL
 * (trigger calendar_entries_notify, LISTEN on its own connection): no query per request while it
 * listens, a change by any writer seen once notified, and a query per request again whenever the
 * listener is away (stopped, or its connection lost until it reconnects).
 */
import { isWorkingDay } from '../../../domain';
import { createPrismaClient } from '../../../db/client';
import { watchCalendarChanges, type CalendarChangeWatch } from '../../../db/calendar-notifications';
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

describe('the calendar index kept between notified changes', () => {
  const pg = useTestPostgres();
  let prisma: PrismaClient;
  let queries = 0;
  let counted: Pick<PrismaClient, 'calendarEntry'>;
  let watch: CalendarChangeWatch | undefined;

  beforeAll(async () => {
    const db = await pg.createDatabase('calendar_notify', { migrated: true });
    prisma = createPrismaClient(db.url, { maxConnections: 3 });
    counted = { calendarEntry: { findMany: ((args: never) => (queries++, prisma.calendarEntry.findMany(args))) as never } as unknown as PrismaClient['calendarEntry'] };
    watch = watchCalendarChanges(db.url);
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
    await until('listening', () => watch?.epoch() !== null);
    expect((await loads(5)).queries).toBe(1);
    const epoch = watch!.epoch();
    // Another writer (hand-run SQL, another API process): the trigger tells the listener at commit.
    await prisma.$executeRaw`INSERT INTO calendar_entries (date, working, reason, source) VALUES (${new Date(`${DAY}T00:00:00Z`)}::date, false, 'Nghỉ bù do thiên tai', 'ADMIN')`;
    await until('notified', () => watch!.epoch() !== epoch);
    const after = await loads(5);
    expect(after.queries).toBe(1);
    expect(isWorkingDay(after.index.calendar, DAY)).toBe(false);
  });

  it('reads at every request while the listener is away, and keeps the index again once it is back', async () => {
    await until('listening', () => watch?.epoch() !== null);
    await prisma.$queryRaw`SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity WHERE query = 'LISTEN calendar_changed' AND pid <> pg_backend_pid()`;
    await until('lost', () => watch!.epoch() === null);
    expect((await loads(3)).queries).toBe(3);
    await until('back', () => watch!.epoch() !== null);
    expect((await loads(3)).queries).toBe(1);
    await watch!.stop();
    expect((await loads(3)).queries).toBe(3);
  });
});
