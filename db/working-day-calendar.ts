/**
 * The working-day calendar in force (DOMAIN.md §4): Vietnam's seeded calendar with the
 * administrator's corrections over it.
 *
 * Storage decision: only administrator overrides are stored. The seed is computed in code
 * (seedVietnamCalendar() from domain/calendar/seed.ts, years SEED_YEARS), so a corrected seed — a
 * new year's official announcement added to the code — reaches every installation without a data
 * migration, and "return a day to the seeded state" is simply deleting its row. Table
 * calendar_entries therefore holds rows with source ADMIN; rows with source SEED, should a script
 * ever write some, are ignored here because the computed seed is authoritative.
 *
 * Every change is audited (actor, old and new state of the day) in the same transaction as the
 * change, and calendar writes are serialised by a transaction-scoped advisory lock so the recorded
 * old value is always the one that was replaced.
 *
 *   const calendar = await loadWorkingDayCalendar(prisma);
 *   computeDeadline(calendar, '2026-02-13', { amount: 5, unit: 'working-days' });
 */
import {
  buildWorkingDayIndex,
  createWorkingDayCalendar,
  dayOfWeek,
  nonWorkingReason,
  type CalendarEntry,
  type IsoDate,
  type WorkingDayCalendar,
  type WorkingDayIndex,
} from '../domain';
import { seedVietnamCalendar } from '../domain/calendar/seed';
import { changeWatch } from './change-notifications';
import { dbDate, isoDateOf } from './dates';
import { appendAudit } from './audit';
import type { Prisma, PrismaClient } from '../generated/prisma/client';

/** The years the computed seed covers; later days follow the default week until the seed is extended. */
export const SEED_YEARS = { from: 2024, to: 2030 } as const;

/** Where a day's status comes from: an administrator's override, the computed seed, or the default week. */
export type CalendarDaySource = 'admin' | 'seed' | 'default';

export interface CalendarDayStatus {
  working: boolean;
  reason: string;
  source: CalendarDaySource;
}

/** One day of the calendar in force, with what it would be without the administrator's override. */
export interface CalendarDayState extends CalendarDayStatus {
  date: IsoDate;
  /** The seeded (or default-week) status, which DELETE /api/calendar/days/{date} restores. */
  seeded: CalendarDayStatus & { source: 'seed' | 'default' };
  /** Username of the administrator who set the override, and when (admin days only). */
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface CalendarActor {
  /** User id, stored on the row (updatedById). */
  id: string;
  /** Username, written to the audit trail like every other audited action. */
  username: string;
}

export interface CalendarChange {
  day: CalendarDayState;
  /** False when the request restated the existing override: nothing was written or audited. */
  changed: boolean;
}

export const CALENDAR_AUDIT_ENTITY = 'CalendarDay';
export const CALENDAR_AUDIT_ACTIONS = { set: 'calendar.day.set', reset: 'calendar.day.reset' } as const;

/** Serialises calendar writes (pg_advisory_xact_lock key; any constant unique to this use). */
const CALENDAR_LOCK_KEY = 320_241_104;

const WORKING_WEEKDAY_REASON = 'Ngày làm việc (thứ Hai – thứ Sáu)';
const EMPTY_CALENDAR = createWorkingDayCalendar([]);

let seedCache: { entries: CalendarEntry[]; byDate: Map<IsoDate, CalendarEntry> } | undefined;

function seed(): { entries: CalendarEntry[]; byDate: Map<IsoDate, CalendarEntry> } {
  if (!seedCache) {
    const entries = seedVietnamCalendar(SEED_YEARS.from, SEED_YEARS.to);
    seedCache = { entries, byDate: new Map(entries.map((e) => [e.date, e])) };
  }
  return seedCache;
}


/** The day's status from the seed, or from the default week when the seed says nothing. */
export function seededDay(date: IsoDate): CalendarDayStatus & { source: 'seed' | 'default' } {
  const entry = seed().byDate.get(date);
  if (entry) return { working: entry.working, reason: entry.reason, source: 'seed' };
  const working = dayOfWeek(date) <= 5;
  return { working, reason: working ? WORKING_WEEKDAY_REASON : (nonWorkingReason(EMPTY_CALENDAR, date) ?? ''), source: 'default' };
}

type AdminRow = { date: Date; working: boolean; reason: string; updatedAt: Date; updatedBy: { username: string } | null };

const ADMIN_ROW_SELECT = {
  date: true,
  working: true,
  reason: true,
  updatedAt: true,
  updatedBy: { select: { username: true } },
} as const;

function dayState(date: IsoDate, row: AdminRow | null): CalendarDayState {
  const seeded = seededDay(date);
  if (!row) return { date, ...seeded, seeded, updatedBy: null, updatedAt: null };
  return {
    date,
    working: row.working,
    reason: row.reason,
    source: 'admin',
    seeded,
    updatedBy: row.updatedBy?.username ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit trail records of a day: its effective status. */
const auditValue = (day: CalendarDayState) => ({ working: day.working, reason: day.reason, source: day.source });

/**
 * The calendar in force: seedVietnamCalendar() entries, then the administrator's overrides over
 * them (later entries win in createWorkingDayCalendar). Plain data, safe to pass to a workflow.
 */
export async function loadWorkingDayCalendar(prisma: Pick<PrismaClient, 'calendarEntry'>): Promise<WorkingDayCalendar> {
  const rows = await prisma.calendarEntry.findMany({ where: { source: 'ADMIN' }, orderBy: { date: 'asc' } });
  return createWorkingDayCalendar([
    ...seed().entries,
    ...rows.map((row) => ({ date: isoDateOf(row.date), working: row.working, reason: row.reason })),
  ]);
}

type CalendarDb = Pick<PrismaClient, 'calendarEntry'>;

let indexCache: { fingerprint: string; index: WorkingDayIndex; epoch: number | null } | undefined;

/**
 * The calendar in force, indexed over the seeded years (domain/calendar/day-index.ts), for reads that
 * count working days for many dates (the inbox, the dashboard). While this process listens for
 * calendar changes (db/change-notifications.ts) the index is kept until one is notified: no query.
 * Otherwise, and with `fresh`, one small query reads the administrators' overrides, and the index is
 * rebuilt only when they changed. A change committed by another process is seen here once its
 * notification arrives (milliseconds); one made by this process is seen at once (its sync is `fresh`).
 */
export async function loadWorkingDayIndex(prisma: CalendarDb, options: { fresh?: boolean } = {}): Promise<WorkingDayIndex> {
  // Read before the query: a change notified while it runs leaves the index built here already void.
  const epoch = options.fresh ? null : (changeWatch()?.epoch('calendar_changed') ?? null);
  if (epoch !== null && indexCache?.epoch === epoch) return indexCache.index;
  const rows = await prisma.calendarEntry.findMany({ where: { source: 'ADMIN' }, orderBy: { date: 'asc' }, select: { date: true, working: true, reason: true } });
  const overrides = rows.map((row) => ({ date: isoDateOf(row.date), working: row.working, reason: row.reason }));
  const fingerprint = JSON.stringify(overrides);
  if (indexCache?.fingerprint !== fingerprint) {
    const calendar = createWorkingDayCalendar([...seed().entries, ...overrides]);
    indexCache = { fingerprint, index: buildWorkingDayIndex(calendar, `${SEED_YEARS.from}-01-01`, `${SEED_YEARS.to}-12-31`), epoch };
  } else {
    indexCache.epoch = epoch;
  }
  return indexCache.index;
}

/**
 * Writes the calendar in force into working_day_index, the table the database's own
 * working_days_between() reads (the dashboard's stage durations are counted by a trigger). Run after
 * every calendar change (outside its locked transaction, which stays short: concurrent changes of a
 * day queue on it) and by the reference-data seed; the first time it fills the table, the stage
 * durations already recorded are counted again with the real calendar. Idempotent: it writes only
 * the days whose count changed.
 */
export async function syncWorkingDayIndex(db: Pick<PrismaClient, 'calendarEntry' | '$executeRaw' | '$queryRaw'>): Promise<void> {
  const { days, counts } = await loadWorkingDayIndex(db, { fresh: true });
  const [state] = await db.$queryRaw<{ filled: boolean }[]>`SELECT EXISTS (SELECT 1 FROM working_day_index) AS filled`;
  await db.$executeRaw`
    INSERT INTO working_day_index (day, index)
    SELECT d, i FROM unnest(${days}::date[], ${days.map((day) => counts.get(day) as number)}::int[]) AS t(d, i)
    ON CONFLICT (day) DO UPDATE SET index = EXCLUDED.index WHERE working_day_index.index <> EXCLUDED.index`;
  if (!state?.filled) await db.$queryRaw`SELECT rebuild_stage_durations()::text`;
}

/** One day of the calendar in force. */
export async function getCalendarDay(prisma: PrismaClient, date: IsoDate): Promise<CalendarDayState> {
  const row = await prisma.calendarEntry.findFirst({ where: { date: dbDate(date), source: 'ADMIN' }, select: ADMIN_ROW_SELECT });
  return dayState(date, row);
}

/**
 * The days in [from, to] that differ from the default week (non-working weekdays, working
 * weekends), plus every administrator override even when it restates the default, sorted by date.
 */
export async function listCalendarDays(prisma: PrismaClient, from: IsoDate, to: IsoDate): Promise<CalendarDayState[]> {
  const rows = await prisma.calendarEntry.findMany({
    where: { source: 'ADMIN', date: { gte: dbDate(from), lte: dbDate(to) } },
    select: ADMIN_ROW_SELECT,
  });
  const admin = new Map(rows.map((row) => [isoDateOf(row.date), row]));
  const dates = new Set<IsoDate>(admin.keys());
  for (const entry of seed().entries) {
    if (entry.date < from || entry.date > to) continue;
    const weekday = dayOfWeek(entry.date) <= 5;
    if (entry.working !== weekday) dates.add(entry.date);
  }
  return [...dates]
    .sort()
    .map((date) => dayState(date, admin.get(date) ?? null))
    .filter((day) => day.source === 'admin' || day.working !== dayOfWeek(day.date) <= 5);
}

async function lockCalendar(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CALENDAR_LOCK_KEY}::bigint)`;
}

/**
 * Calendar changes queue on one advisory lock, and Prisma's 5 s default counts the wait: a few
 * administrators saving at once on a loaded server got a 500 (P2028) instead of their turn.
 */
const CALENDAR_TRANSACTION = { maxWait: 10_000, timeout: 30_000 };

/**
 * Sets an administrator override for `date` (working or not, with the reason shown to people) and
 * audits the old and new state in the same transaction. Restating the existing override changes
 * nothing and audits nothing.
 */
export async function setCalendarDay(
  prisma: PrismaClient,
  request: { date: IsoDate; working: boolean; reason: string; actor: CalendarActor },
): Promise<CalendarChange> {
  const { date, working, reason, actor } = request;
  // Validates the day and the reason with the domain's own rules before anything is written.
  createWorkingDayCalendar([{ date, working, reason }]);
  const change = await prisma.$transaction(async (tx) => {
    await lockCalendar(tx);
    const existing = await tx.calendarEntry.findUnique({ where: { date: dbDate(date) }, select: { ...ADMIN_ROW_SELECT, source: true } });
    const before = dayState(date, existing?.source === 'ADMIN' ? existing : null);
    if (before.source === 'admin' && before.working === working && before.reason === reason) return { day: before, changed: false };
    const row = await tx.calendarEntry.upsert({
      where: { date: dbDate(date) },
      create: { date: dbDate(date), working, reason, source: 'ADMIN', updatedById: actor.id },
      update: { working, reason, source: 'ADMIN', updatedById: actor.id },
      select: ADMIN_ROW_SELECT,
    });
    const after = dayState(date, row);
    await appendAudit(tx, {
      actor: actor.username,
      action: CALENDAR_AUDIT_ACTIONS.set,
      entityType: CALENDAR_AUDIT_ENTITY,
      entityId: date,
      oldValue: auditValue(before),
      newValue: auditValue(after),
    });
    return { day: after, changed: true };
  }, CALENDAR_TRANSACTION);
  if (change.changed) await syncWorkingDayIndex(prisma);
  return change;
}

/**
 * Removes the administrator's override of `date`, returning the day to its seeded (or default-week)
 * state, audited in the same transaction. Null when the day has no override.
 */
export async function resetCalendarDay(prisma: PrismaClient, request: { date: IsoDate; actor: CalendarActor }): Promise<CalendarChange | null> {
  const { date, actor } = request;
  const change = await prisma.$transaction(async (tx) => {
    await lockCalendar(tx);
    const existing = await tx.calendarEntry.findUnique({ where: { date: dbDate(date) }, select: { ...ADMIN_ROW_SELECT, source: true } });
    if (!existing || existing.source !== 'ADMIN') return null;
    await tx.calendarEntry.delete({ where: { date: dbDate(date) } });
    const before = dayState(date, existing);
    const after = dayState(date, null);
    await appendAudit(tx, {
      actor: actor.username,
      action: CALENDAR_AUDIT_ACTIONS.reset,
      entityType: CALENDAR_AUDIT_ENTITY,
      entityId: date,
      oldValue: auditValue(before),
      newValue: auditValue(after),
    });
    return { day: after, changed: true };
  }, CALENDAR_TRANSACTION);
  if (change) await syncWorkingDayIndex(prisma);
  return change;
}
