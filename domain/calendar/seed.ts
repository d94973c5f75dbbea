/**
 * Seeds Vietnam's working-day calendar (DOMAIN.md §4). NOT exported from domain/index.ts: it pulls in
 * date-holidays (large, and not needed at run time), so workflows never import it; the seeding
 * script and the admin API import this file directly.
 *
 * What it produces, per year:
 * - the public holidays of Labour Code 2019 Art. 112: 1 January; Tết Nguyên đán, 5 days; Giỗ Tổ Hùng
 *   Vương (10th day of the 3rd lunar month); 30 April; 1 May; 2 September plus one adjacent day.
 *   The lunar dates come from date-holidays ('VN'); its observances (Tết Đoan ngọ, Women's Day,
 *   Vu Lan …) are not days off and are left out;
 * - a compensatory day off on the next working day for each holiday on a Saturday or Sunday
 *   (Art. 111(3));
 * - the government's announced choices (Tết block, 2/9 adjacent day, swapped days and make-up
 *   Saturdays) from OFFICIAL_ANNOUNCEMENTS below; years without an announcement follow the
 *   default rules documented at TET_DEFAULT_RULE and nationalDayAdjacentByRule.
 *
 * The result is a starting point: an administrator corrects it (later entries override earlier
 * ones in createWorkingDayCalendar). Output is deterministic and sorted by date.
 *
 * Not seeded on purpose: 24/11 "Ngày Văn hóa Việt Nam". Politburo Resolution 80 (January 2026)
 * intends it as a paid day off, but it is a holiday only once the Labour Code says so; add it as an
 * administrator entry when it is enacted.
 */
import Holidays from 'date-holidays';
import { DomainError } from '../errors';
import { addDays, dayOfWeek, formatDateVi, type IsoDate } from './iso-date';
import type { CalendarEntry } from './working-day-calendar';

type HolidayKey = 'newYear' | 'tet' | 'hungKings' | 'reunification' | 'labour' | 'nationalDay';

const HOLIDAY_NAMES: Record<HolidayKey, { vi: string; en: string }> = {
  newYear: { vi: 'Tết Dương lịch', en: "New Year's Day" },
  tet: { vi: 'Tết Nguyên đán', en: 'Lunar New Year' },
  hungKings: { vi: 'Giỗ Tổ Hùng Vương', en: "Hùng Kings' Commemoration Day" },
  reunification: { vi: 'Ngày Giải phóng miền Nam, thống nhất đất nước', en: 'Reunification Day' },
  labour: { vi: 'Ngày Quốc tế Lao động', en: 'International Labour Day' },
  nationalDay: { vi: 'Quốc khánh', en: 'National Day' },
};

function holidayReason(key: HolidayKey): string {
  const name = HOLIDAY_NAMES[key];
  return `${name.vi} (${name.en})`;
}

type Swap = {
  /** A weekday given off to join two days off … */
  dayOff: IsoDate;
  /** … worked back on this Saturday. */
  makeUp: IsoDate;
};

type OfficialYear = {
  /** First of the 5 statutory Tết days; the block is 5 consecutive days from here. */
  tetFirstDay?: IsoDate;
  /** The day adjacent to 2 September chosen for that year (1/9 or 3/9). */
  nationalDayAdjacent?: IsoDate;
  swaps: Swap[];
  source: string;
};

/**
 * The government's announced choices where they differ from, or complete, the default rules. For
 * civil servants (the people who run this procedure); the non-state sector may choose otherwise.
 * Verified against the announcements named in `source`; an administrator adds later years.
 */
const OFFICIAL_ANNOUNCEMENTS: Readonly<Record<number, OfficialYear>> = {
  2024: {
    // Tết off Thu 08/02 – Wed 14/02/2024 (29 tháng Chạp – mùng 5): 2 days before Tết + 3 after
    // (08–12/02); mùng 1 and 2 fell on Sat/Sun, so 13–14/02 are Art. 111 compensatory days.
    // The default rule (last day of the old year + 4) would have given 09–15/02.
    tetFirstDay: '2024-02-08',
    // 2/9 was a Monday: Sat 31/08 – Tue 03/09/2024.
    nationalDayAdjacent: '2024-09-03',
    // 30/4–1/5: off Sat 27/04 – Wed 01/05/2024, Monday 29/04 worked back on Saturday 04/05.
    swaps: [{ dayOff: '2024-04-29', makeUp: '2024-05-04' }],
    source: 'MOLISA notices on the 2024 Tết and National Day holidays (approved by the Prime Minister, Nov 2023); Prime Minister\'s swap for 30/4–1/5/2024',
  },
  2025: {
    // Tết off Sat 25/01 – Sun 02/02/2025; the 5 statutory days are Mon 27 – Fri 31/01
    // (28 tháng Chạp – mùng 3), i.e. 2 days before Tết + 3 after, not the default 28/01 – 01/02.
    tetFirstDay: '2025-01-27',
    // 2/9 was a Tuesday: Sat 30/08 – Tue 02/09/2025.
    nationalDayAdjacent: '2025-09-01',
    // 30/4–1/5: off Wed 30/04 – Sun 04/05/2025, Friday 02/05 worked back on Saturday 26/04.
    swaps: [{ dayOff: '2025-05-02', makeUp: '2025-04-26' }],
    source: 'MOLISA plan of 03/12/2024 on the 2025 public holidays',
  },
  2026: {
    // Tết off Sat 14/02 – Sun 22/02/2026; statutory days Mon 16 – Fri 20/02 (29 tháng Chạp – mùng 4),
    // the same as the default rule: listed to pin the DOMAIN.md fact.
    tetFirstDay: '2026-02-16',
    // 2/9 is a Wednesday: off Sat 29/08 – Wed 02/09/2026 with Tue 01/09 as the adjacent day.
    nationalDayAdjacent: '2026-09-01',
    swaps: [
      // New Year: off Thu 01/01 – Sun 04/01/2026, Friday 02/01 worked back on Saturday 10/01.
      { dayOff: '2026-01-02', makeUp: '2026-01-10' },
      // National Day: Monday 31/08 worked back on Saturday 22/08.
      { dayOff: '2026-08-31', makeUp: '2026-08-22' },
    ],
    source: 'Ministry of Home Affairs announcement of 17/10/2025 (Tết and National Day 2026); Official Dispatch 12729/VPCP-KGVX of 25/12/2025 (New Year 2026)',
  },
};

/**
 * Default Tết block when no announcement exists: the last day of the old lunar year and the first
 * four days of the new one (DOMAIN.md §4; the usual government choice, e.g. 2026). date-holidays'
 * "Giao thừa" entry spans the same 5 days, which the seed checks.
 */
const TET_DEFAULT_RULE = { daysBeforeNewYear: 1, length: 5 } as const;

/**
 * Default 2/9 adjacent day when no announcement exists: the side that joins a weekend, following the
 * announced choices since the adjacent day was introduced in 2021: Thu 2021 → 3/9, Fri 2022 → 1/9,
 * Sat 2023 → 1/9, Mon 2024 → 3/9, Tue 2025 → 1/9, Wed 2026 → 1/9. A Sunday 2/9 takes 3/9 (Monday);
 * 2/9 itself is then compensated on Tuesday 4/9.
 */
function nationalDayAdjacentByRule(year: number): IsoDate {
  const nationalDay = `${year}-09-02`;
  const dow = dayOfWeek(nationalDay);
  return dow === 1 || dow === 4 || dow === 7 ? `${year}-09-03` : `${year}-09-01`;
}

type Holiday = { date: IsoDate; key: HolidayKey; reason: string };

function libraryHolidays(hd: Holidays, year: number): { tetNewYear: IsoDate; hungKings: IsoDate; eveStart: IsoDate; eveDays: number } {
  const publicHolidays = hd.getHolidays(year).filter((h) => h.type === 'public');
  const find = (rule: string, what: string): { date: IsoDate; start: { getTime(): number }; end: { getTime(): number } } => {
    const found = publicHolidays.find((h) => h.rule === rule);
    if (!found) {
      throw new DomainError('CALENDAR_SEED_MISMATCH', `date-holidays không còn trả về ${what} năm ${year} (rule "${rule}")`);
    }
    return { date: found.date.slice(0, 10), start: found.start, end: found.end };
  };
  const tet = find('vietnamese 1-0-1', 'mùng 1 Tết');
  const eve = find('1 day before vietnamese 1-0-1 P5D', 'Giao thừa');
  const hung = find('vietnamese 3-0-10', 'Giỗ Tổ Hùng Vương');
  // The Giao thừa entry carries a 5-day duration (P5D); both ends are local midnights of Vietnam
  // (UTC+7, no daylight saving), so the difference is a whole number of days.
  const eveDays = Math.round((eve.end.getTime() - eve.start.getTime()) / 86_400_000);
  return { tetNewYear: tet.date, hungKings: hung.date, eveStart: eve.date, eveDays };
}

function statutoryHolidays(hd: Holidays, year: number): { holidays: Holiday[]; swaps: Swap[] } {
  const official = OFFICIAL_ANNOUNCEMENTS[year];
  const lib = libraryHolidays(hd, year);

  const defaultTetFirst = addDays(lib.tetNewYear, -TET_DEFAULT_RULE.daysBeforeNewYear);
  if (lib.eveStart !== defaultTetFirst || lib.eveDays !== TET_DEFAULT_RULE.length) {
    throw new DomainError(
      'CALENDAR_SEED_MISMATCH',
      `date-holidays cho khối Tết ${year} từ ${lib.eveStart} (${lib.eveDays} ngày), khác quy tắc mặc định từ ${defaultTetFirst}`,
    );
  }
  const tetFirst = official?.tetFirstDay ?? defaultTetFirst;

  const holidays: Holiday[] = [
    { date: `${year}-01-01`, key: 'newYear', reason: holidayReason('newYear') },
    ...Array.from({ length: TET_DEFAULT_RULE.length }, (_, i) => ({
      date: addDays(tetFirst, i),
      key: 'tet' as const,
      reason: holidayReason('tet'),
    })),
    { date: lib.hungKings, key: 'hungKings', reason: holidayReason('hungKings') },
    { date: `${year}-04-30`, key: 'reunification', reason: holidayReason('reunification') },
    { date: `${year}-05-01`, key: 'labour', reason: holidayReason('labour') },
    { date: `${year}-09-02`, key: 'nationalDay', reason: holidayReason('nationalDay') },
    {
      date: official?.nationalDayAdjacent ?? nationalDayAdjacentByRule(year),
      key: 'nationalDay',
      reason: `Nghỉ lễ ${HOLIDAY_NAMES.nationalDay.vi}, ngày liền kề (${HOLIDAY_NAMES.nationalDay.en} holiday)`,
    },
  ];
  return { holidays, swaps: official?.swaps ?? [] };
}

const isWeekend = (date: IsoDate): boolean => dayOfWeek(date) >= 6;

/**
 * Vietnam's calendar entries for the years fromYear..toYear (inclusive), sorted by date.
 * Years start at 2021, when Labour Code 2019 (and its 2/9 adjacent day) took effect.
 */
export function seedVietnamCalendar(fromYear = 2024, toYear = 2030): CalendarEntry[] {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear < 2021 || toYear > 2100 || fromYear > toYear) {
    throw new DomainError('INVALID_ARGUMENT', `Khoảng năm không hợp lệ: ${fromYear}–${toYear} (cho phép 2021–2100)`);
  }
  const hd = new Holidays('VN');
  const byDate = new Map<IsoDate, CalendarEntry>();
  const put = (entry: CalendarEntry): void => {
    const existing = byDate.get(entry.date);
    // Two holidays on one day (possible when Hùng Kings' day falls on 30/4) keep both names.
    byDate.set(entry.date, existing ? { ...entry, reason: `${existing.reason}; ${entry.reason}` } : entry);
  };

  for (let year = fromYear; year <= toYear; year += 1) {
    const { holidays, swaps } = statutoryHolidays(hd, year);
    for (const h of holidays) put({ date: h.date, working: false, reason: h.reason });

    // Art. 111(3): a holiday on the weekly rest day is compensated on the next working day; several
    // in a row take successive working days (e.g. Tết 2027: mùng 1–2 on Sat/Sun → Wed and Thu).
    const swapDaysOff = new Set(swaps.map((s) => s.dayOff));
    const taken = new Set(holidays.map((h) => h.date));
    for (const h of [...holidays].sort((a, b) => (a.date < b.date ? -1 : 1))) {
      if (!isWeekend(h.date)) continue;
      let day = addDays(h.date, 1);
      while (isWeekend(day) || taken.has(day) || swapDaysOff.has(day)) day = addDays(day, 1);
      taken.add(day);
      const name = HOLIDAY_NAMES[h.key];
      put({
        date: day,
        working: false,
        reason: `Nghỉ bù ${name.vi} ngày ${formatDateVi(h.date)} (compensatory day off for ${name.en})`,
      });
    }

    for (const swap of swaps) {
      if (isWeekend(swap.dayOff) || dayOfWeek(swap.makeUp) !== 6) {
        throw new DomainError('CALENDAR_SEED_MISMATCH', `Hoán đổi ngày không hợp lệ: ${swap.dayOff} ↔ ${swap.makeUp}`);
      }
      put({
        date: swap.dayOff,
        working: false,
        reason: `Nghỉ hoán đổi, làm bù vào thứ Bảy ${formatDateVi(swap.makeUp)} (swapped day off)`,
      });
      put({
        date: swap.makeUp,
        working: true,
        reason: `Làm bù cho ngày ${formatDateVi(swap.dayOff)} (make-up working day)`,
      });
    }
  }

  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
