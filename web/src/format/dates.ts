/**
 * The one place dates are parsed and shown. Every date a person sees is dd/MM/yyyy in Vietnam's
 * time zone, whatever the browser's own zone: an officer travelling, or a test machine in UTC,
 * still sees the province's calendar day. The API sends calendar dates as YYYY-MM-DD (no zone) and
 * instants as ISO 8601.
 */
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);
dayjs.locale('vi');

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const DATE_FORMAT = 'DD/MM/YYYY';
export const DATE_TIME_FORMAT = 'HH:mm DD/MM/YYYY';
const ISO_DATE = 'YYYY-MM-DD';

/** A calendar date from the API ("2026-12-02") as "02/12/2026"; an empty string for null. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const parsed = dayjs(isoDate.slice(0, 10), ISO_DATE, true);
  return parsed.isValid() ? parsed.format(DATE_FORMAT) : isoDate;
}

/** An instant from the API ("2026-12-02T03:04:05Z") as "10:04 02/12/2026", Vietnam time. */
export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return '';
  const parsed = dayjs(instant);
  return parsed.isValid() ? parsed.tz(VIETNAM_TIME_ZONE).format(DATE_TIME_FORMAT) : instant;
}

/** A date a person typed as dd/MM/yyyy, as the API's YYYY-MM-DD; null when it is not a real date. */
export function parseDisplayDate(text: string): string | null {
  const parsed = dayjs(text.trim(), DATE_FORMAT, true);
  return parsed.isValid() ? parsed.format(ISO_DATE) : null;
}

/** A JS Date (from a date picker) as the API's YYYY-MM-DD, reading the day the person picked. */
export function toIsoDate(date: Date): string {
  return dayjs(date).format(ISO_DATE);
}

/** Today's calendar date in Vietnam (YYYY-MM-DD). */
export function todayInVietnam(now: Date = new Date()): string {
  return dayjs(now).tz(VIETNAM_TIME_ZONE).format(ISO_DATE);
}

/** Day of the week and date, e.g. "thứ tư, 02/12/2026", for a date with a name (appointments). */
export function formatLongDate(isoDate: string): string {
  const parsed = dayjs(isoDate.slice(0, 10), ISO_DATE, true);
  return parsed.isValid() ? `${parsed.format('dddd')}, ${parsed.format(DATE_FORMAT)}` : isoDate;
}

export { dayjs };
