import type { IsoDate } from '../domain';

/**
 * PostgreSQL `date` columns travel through Prisma as UTC midnight; these convert them to and from
 * the calendar dates (YYYY-MM-DD) the legal core works with.
 */
export const isoDateOf = (value: Date): IsoDate => value.toISOString().slice(0, 10);
export const dbDate = (date: IsoDate): Date => new Date(`${date}T00:00:00.000Z`);

/** The instant a calendar day starts in Vietnam (UTC+7, no daylight saving), for timestamptz ranges. */
export const vietnamDayStart = (date: IsoDate): Date => new Date(`${date}T00:00:00+07:00`);
