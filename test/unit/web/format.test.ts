/**
 * The web application's one date module: what a person sees is dd/MM/yyyy in Vietnam's time zone,
 * whatever zone the browser (here: the test machine) is in.
 */
import { formatDate, formatDateTime, formatLongDate, parseDisplayDate, todayInVietnam } from '../../../web/src/format/dates';

describe('web date formatting', () => {
  it('shows API calendar dates as dd/MM/yyyy and leaves nothing for null', () => {
    expect(formatDate('2026-02-16')).toBe('16/02/2026');
    expect(formatDate('2026-12-02T00:00:00.000Z')).toBe('02/12/2026');
    expect(formatDate(null)).toBe('');
    expect(formatDate('không phải ngày')).toBe('không phải ngày');
  });

  it('shows instants in Vietnam time (UTC+7), across the day boundary', () => {
    expect(formatDateTime('2026-12-02T18:30:00Z')).toBe('01:30 03/12/2026');
    expect(formatDateTime('2026-12-02T03:04:05Z')).toBe('10:04 02/12/2026');
  });

  it("takes today's date from Vietnam, not from the machine's zone", () => {
    expect(todayInVietnam(new Date('2026-12-02T16:59:59Z'))).toBe('2026-12-02');
    expect(todayInVietnam(new Date('2026-12-02T17:00:00Z'))).toBe('2026-12-03');
  });

  it('reads a typed dd/MM/yyyy date strictly', () => {
    expect(parseDisplayDate(' 30/04/2026 ')).toBe('2026-04-30');
    expect(parseDisplayDate('31/02/2026')).toBeNull();
    expect(parseDisplayDate('2026-04-30')).toBeNull();
  });

  it('names the weekday in Vietnamese for appointment dates', () => {
    expect(formatLongDate('2026-12-07')).toBe('thứ hai, 07/12/2026');
  });
});
