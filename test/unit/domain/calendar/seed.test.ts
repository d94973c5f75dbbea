import { DomainError, dayOfWeek, isIsoDate } from '../../../../domain';
import { seedVietnamCalendar } from '../../../../domain/calendar/seed';
import { VN_SEED } from '../support/vn-calendar';

const entry = (date: string) => VN_SEED.find((e) => e.date === date);
const daysOff = (from: string, to: string) =>
  VN_SEED.filter((e) => e.date >= from && e.date <= to && !e.working).map((e) => e.date);

describe('seedVietnamCalendar: Labour Code 2019 Art. 111–112 and the government announcements', () => {
  test.each([
    // [year, first statutory Tết day, last non-working weekday of the Tết break, source]
    ['2024', '2024-02-08', '2024-02-14'], // 08–14/02/2024 (29 tháng Chạp – mùng 5), mùng 1–2 on a weekend
    ['2025', '2025-01-27', '2025-01-31'], // 27–31/01/2025 (28 tháng Chạp – mùng 3)
    ['2026', '2026-02-16', '2026-02-20'], // 16–20/02/2026 (29 tháng Chạp – mùng 4), DOMAIN.md §4
    ['2027', '2027-02-05', '2027-02-11'], // default rule; mùng 1–2 on Sat/Sun → nghỉ bù Wed 10, Thu 11
    ['2030', '2030-02-01', '2030-02-07'], // default rule; mùng 1–2 on Sat/Sun → nghỉ bù Wed 6, Thu 7
  ])('Tết %s: every weekday from %s to %s is off', (_year, first, last) => {
    const off = daysOff(first, last);
    for (let d = first; d <= last; d = nextDay(d)) {
      if (dayOfWeek(d) <= 5) expect(off).toContain(d);
    }
    expect(entry(first)?.reason).toContain('Tết Nguyên đán');
    // The working days just around the block are not touched.
    expect(entry(prevDay(first))?.working ?? true).toBe(true);
  });

  test('Tết 2026 is exactly Mon 16 – Fri 20 February (DOMAIN.md §4), with no compensatory days', () => {
    expect(daysOff('2026-02-09', '2026-02-28')).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
  });

  test("Hùng Kings' day 2026 falls on Sunday 26/4 → compensatory Monday 27/4 (Art. 111(3))", () => {
    expect(entry('2026-04-26')).toEqual({ date: '2026-04-26', working: false, reason: expect.stringContaining('Giỗ Tổ Hùng Vương') });
    expect(entry('2026-04-27')?.working).toBe(false);
    expect(entry('2026-04-27')?.reason).toContain('Nghỉ bù Giỗ Tổ Hùng Vương');
  });

  test("Hùng Kings' day (10/3 lunar) in other years, from date-holidays", () => {
    expect(entry('2024-04-18')?.reason).toContain('Giỗ Tổ Hùng Vương');
    expect(entry('2025-04-07')?.reason).toContain('Giỗ Tổ Hùng Vương');
    expect(entry('2027-04-16')?.reason).toContain('Giỗ Tổ Hùng Vương');
  });

  test('30/4 and 1/5 each year; 2028: 30/4 on a Sunday, 1/5 Monday → nghỉ bù Tuesday 2/5', () => {
    for (let year = 2024; year <= 2030; year += 1) {
      expect(entry(`${year}-04-30`)?.working).toBe(false);
      expect(entry(`${year}-05-01`)?.working).toBe(false);
    }
    expect(entry('2028-05-02')?.reason).toContain('Nghỉ bù');
  });

  test('announced swaps: a weekday off is worked back on a Saturday', () => {
    // 2024: Mon 29/4 off, worked on Sat 4/5. 2025: Fri 2/5 off, worked on Sat 26/4.
    // 2026: Fri 2/1 off, worked on Sat 10/1 (VPCP 12729/VPCP-KGVX); Mon 31/8 off, worked on Sat 22/8.
    for (const [dayOff, makeUp] of [
      ['2024-04-29', '2024-05-04'],
      ['2025-05-02', '2025-04-26'],
      ['2026-01-02', '2026-01-10'],
      ['2026-08-31', '2026-08-22'],
    ] as const) {
      expect(entry(dayOff)?.working).toBe(false);
      expect(entry(makeUp)).toEqual({ date: makeUp, working: true, reason: expect.stringContaining('Làm bù') });
    }
  });

  test.each([
    ['2024', '2024-09-03'], // announced: 2/9 Monday + Tuesday 3/9
    ['2025', '2025-09-01'], // announced: 2/9 Tuesday + Monday 1/9
    ['2026', '2026-09-01'], // announced: 2/9 Wednesday + Tuesday 1/9
    ['2027', '2027-09-03'], // rule: 2/9 Thursday → Friday 3/9
    ['2028', '2028-09-01'], // rule: 2/9 Saturday → Friday 1/9, and nghỉ bù Monday 4/9
    ['2029', '2029-09-03'], // rule: 2/9 Sunday → Monday 3/9, and nghỉ bù Tuesday 4/9
  ])('National Day %s: 2/9 and its adjacent day %s are off', (year, adjacent) => {
    expect(entry(`${year}-09-02`)?.reason).toContain('Quốc khánh');
    expect(entry(adjacent)?.working).toBe(false);
    expect(entry(adjacent)?.reason).toContain('Quốc khánh');
  });

  test('compensation for a weekend 2/9 in 2028 and 2029', () => {
    expect(entry('2028-09-04')?.reason).toContain('Nghỉ bù Quốc khánh');
    expect(entry('2029-09-04')?.reason).toContain('Nghỉ bù Quốc khánh');
  });

  test('observances are not days off (Tết Đoan ngọ, Women’s Day, Vu Lan, Mid-Autumn, 3/2, 24/11)', () => {
    for (const date of ['2026-06-19', '2026-03-08', '2026-10-20', '2026-08-27', '2026-09-25', '2026-02-03', '2026-11-24', '2025-05-12']) {
      expect(entry(date)).toBeUndefined();
    }
  });

  test('every entry is a valid date with a reason; sorted, one per date; only make-up days are working', () => {
    const dates = VN_SEED.map((e) => e.date);
    expect(dates.every(isIsoDate)).toBe(true);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    expect(VN_SEED.every((e) => e.reason.trim().length > 0)).toBe(true);
    expect(VN_SEED.filter((e) => e.working).every((e) => dayOfWeek(e.date) === 6)).toBe(true);
    expect(dates[0]).toBe('2024-01-01');
    expect(dates[dates.length - 1]! < '2031-01-01').toBe(true);
  });

  test('each year has the 11 statutory holidays (1 + 5 + 1 + 1 + 1 + 2) on some day', () => {
    for (let year = 2024; year <= 2030; year += 1) {
      const statutory = VN_SEED.filter(
        (e) => e.date.startsWith(`${year}-`) && !e.working && !e.reason.startsWith('Nghỉ bù') && !e.reason.startsWith('Nghỉ hoán đổi'),
      );
      expect(statutory).toHaveLength(11);
    }
  });

  test('deterministic, and independent of the machine time zone', () => {
    const original = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      const west = seedVietnamCalendar(2024, 2030);
      process.env.TZ = 'Pacific/Kiritimati';
      const east = seedVietnamCalendar(2024, 2030);
      expect(west).toEqual(VN_SEED);
      expect(east).toEqual(VN_SEED);
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });

  test('a sub-range gives the same entries for those years', () => {
    expect(seedVietnamCalendar(2026, 2026)).toEqual(VN_SEED.filter((e) => e.date.startsWith('2026-')));
  });

  test('rejects year ranges outside Labour Code 2019 or reversed', () => {
    expect(() => seedVietnamCalendar(2020, 2024)).toThrow(DomainError);
    expect(() => seedVietnamCalendar(2026, 2025)).toThrow(DomainError);
  });
});

function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dim = [31, y % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  if (d < dim) return `${y}-${String(m).padStart(2, '0')}-${String(d + 1).padStart(2, '0')}`;
  if (m < 12) return `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return `${y + 1}-01-01`;
}

function prevDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (d > 1) return `${y}-${String(m).padStart(2, '0')}-${String(d - 1).padStart(2, '0')}`;
  const pm = m === 1 ? 12 : m - 1;
  const py = m === 1 ? y - 1 : y;
  const dim = [31, py % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][pm - 1]!;
  return `${py}-${String(pm).padStart(2, '0')}-${String(dim).padStart(2, '0')}`;
}
