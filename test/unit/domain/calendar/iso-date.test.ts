import fc from 'fast-check';
import { DomainError, addDays, compareDates, dayOfWeek, daysBetween, formatDateVi, fromEpochDay, isIsoDate, toEpochDay } from '../../../../domain';

describe('isIsoDate: only real calendar dates written YYYY-MM-DD', () => {
  test.each([
    ['2026-02-16', true],
    ['2024-02-29', true], // 2024 is a leap year
    ['2000-02-29', true], // divisible by 400
    ['2026-02-29', false], // 2026 is not
    ['1900-02-29', false], // divisible by 100, not 400
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-2-3', false],
    ['2026-02-03T00:00:00', false],
    ['20260203', false],
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  test('non-strings are not dates', () => {
    expect(isIsoDate(20260216)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
    expect(isIsoDate(undefined)).toBe(false);
  });
});

describe('epoch-day arithmetic', () => {
  test.each([
    ['1970-01-01', 0],
    ['2000-01-01', 10957],
    ['2000-03-01', 11017],
    ['1969-12-31', -1],
  ])('toEpochDay(%s) = %d', (date, epochDay) => {
    expect(toEpochDay(date)).toBe(epochDay);
    expect(fromEpochDay(epochDay)).toBe(date);
  });

  test.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-02-16', 0, '2026-02-16'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('addDays(%s, %d) = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  test.each([
    ['2026-02-17', 2], // mùng 1 Tết Bính Ngọ was a Tuesday
    ['2024-05-01', 3], // Decree 32/2024 took effect on a Wednesday
    ['2026-04-26', 7], // Hùng Kings' day 2026 fell on a Sunday
    ['2026-02-14', 6],
  ])('dayOfWeek(%s) = %d', (date, dow) => {
    expect(dayOfWeek(date)).toBe(dow);
  });

  test('daysBetween and formatDateVi', () => {
    expect(daysBetween('2026-02-16', '2026-02-20')).toBe(4);
    expect(daysBetween('2026-02-20', '2026-02-16')).toBe(-4);
    expect(formatDateVi('2026-02-16')).toBe('16/02/2026');
  });

  test('invalid dates throw a DomainError with code INVALID_DATE', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(DomainError);
    expect(() => compareDates('2026-02-01', 'tomorrow')).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
    expect(() => addDays('2026-02-01', 0.5)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('properties', () => {
  const date = fc.integer({ min: toEpochDay('1900-01-01'), max: toEpochDay('2199-12-31') }).map(fromEpochDay);

  test('every generated date is valid and round-trips through epoch days', () => {
    fc.assert(
      fc.property(date, (d) => {
        expect(isIsoDate(d)).toBe(true);
        expect(fromEpochDay(toEpochDay(d))).toBe(d);
      }),
    );
  });

  test('addDays(n) then addDays(-n) returns to the start, and the weekday advances by n mod 7', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -1000, max: 1000 }), (d, n) => {
        const moved = addDays(d, n);
        expect(addDays(moved, -n)).toBe(d);
        expect(daysBetween(d, moved)).toBe(n);
        expect(dayOfWeek(moved)).toBe(((((dayOfWeek(d) - 1 + n) % 7) + 7) % 7) + 1);
      }),
    );
  });

  test('compareDates agrees with the text order of valid ISO dates', () => {
    fc.assert(
      fc.property(date, date, (a, b) => {
        expect(compareDates(a, b)).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });
});
