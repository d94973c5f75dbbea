import { isIsoDate } from '../../domain';
import { text } from './zod';

/** Dates the system can reason about: the legal core's calendar and PostgreSQL both handle these safely. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused), between 2000 and 2100. */
export const IsoDateSchema = text({ error: 'Cần một ngày dạng YYYY-MM-DD' })
  .refine((value) => isIsoDate(value) && Number(value.slice(0, 4)) >= MIN_YEAR && Number(value.slice(0, 4)) <= MAX_YEAR, {
    message: `Ngày không hợp lệ: cần một ngày có thật dạng YYYY-MM-DD (ví dụ 2026-02-16), năm từ ${MIN_YEAR} đến ${MAX_YEAR}`,
  })
  .openapi({ type: 'string', format: 'date', example: '2026-02-13' });
