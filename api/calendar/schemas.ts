import { daysBetween, isIsoDate } from '../../domain';
import { text, z } from '../http/zod';
import { IsoDateSchema } from '../http/dates';
import { digitsInteger } from '../rules/schemas';

/** Longest period a deadline may count, in days (ten years): longer is surely a typing error. */
export const MAX_PERIOD_DAYS = 3650;
/** Longest range GET /api/calendar/days lists. */
export const MAX_LIST_DAYS = 3660;

// Refinements with `when` also run on input that failed the object's own checks (and the OpenAPI
// generator probes schemas with null), so they must accept anything.
const exactlyOne = (q: Record<string, unknown>): boolean => (q.workingDays === undefined) !== (q.calendarDays === undefined);

export const DeadlineQuerySchema = z
  .object({
    from: IsoDateSchema.openapi({ description: 'Ngày xảy ra sự kiện (không tính vào thời hạn, Bộ luật Dân sự 2015, Điều 147)' }),
    workingDays: digitsInteger('workingDays', MAX_PERIOD_DAYS).optional().openapi({ description: `Số ngày làm việc, 0–${MAX_PERIOD_DAYS}` }),
    calendarDays: digitsInteger('calendarDays', MAX_PERIOD_DAYS).optional().openapi({ description: `Số ngày theo lịch, 0–${MAX_PERIOD_DAYS}` }),
  })
  .strict()
  .refine((q) => exactlyOne((q ?? {}) as Record<string, unknown>), {
    path: ['workingDays'],
    message: 'Gửi đúng một trong hai: workingDays (ngày làm việc) hoặc calendarDays (ngày theo lịch)',
    when: () => true,
  });

export const DeadlineSchema = z
  .object({
    from: z.string().openapi({ format: 'date' }),
    due: z.string().openapi({ format: 'date' }),
    amount: z.number().int(),
    unit: z.enum(['working-days', 'calendar-days']),
    skipped: z.array(z.object({ date: z.string().openapi({ format: 'date' }), reason: z.string() })),
  })
  .openapi('Deadline', { description: 'Hạn cuối và các ngày nghỉ đã làm lùi hạn (Bộ luật Dân sự 2015, Điều 147–148).' });

export const CalendarDayParamsSchema = z.object({ date: IsoDateSchema });

export const CalendarRangeQuerySchema = z
  .object({ from: IsoDateSchema, to: IsoDateSchema })
  .strict()
  .refine((q) => !isIsoDate(q?.from) || !isIsoDate(q?.to) || q.from <= q.to, { path: ['to'], message: 'to phải từ ngày from trở đi', when: () => true })
  .refine((q) => !isIsoDate(q?.from) || !isIsoDate(q?.to) || q.from > q.to || daysBetween(q.from, q.to) < MAX_LIST_DAYS, {
    path: ['to'],
    message: `Khoảng ngày tối đa ${MAX_LIST_DAYS} ngày`,
    when: () => true,
  });

export const SetCalendarDaySchema = z
  .object({
    working: z.boolean({ error: 'working: true (ngày làm việc) hoặc false (ngày nghỉ)' }),
    reason: text({ error: 'Cần lý do (reason)' }).trim().min(1, 'Cần lý do (reason), ví dụ số văn bản công bố ngày nghỉ').max(300, 'Lý do tối đa 300 ký tự'),
  })
  .strict()
  .openapi('SetCalendarDay');

const DayStatusSchema = z.object({ working: z.boolean(), reason: z.string(), source: z.enum(['admin', 'seed', 'default']) });

export const CalendarDaySchema = DayStatusSchema.extend({
  date: z.string().openapi({ format: 'date' }),
  seeded: DayStatusSchema.openapi({ description: 'Trạng thái theo lịch gốc (seed) hoặc tuần làm việc mặc định, được khôi phục khi xoá điều chỉnh' }),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
}).openapi('CalendarDay');

export const CalendarDayListSchema = z
  .object({ from: z.string(), to: z.string(), days: z.array(CalendarDaySchema) })
  .openapi('CalendarDayList');
