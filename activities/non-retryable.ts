import { ApplicationFailure } from '@temporalio/common';

// Prisma's data and constraint errors (P2xxx) fail the same way on every attempt, except these,
// which a later attempt can get past: pool timeout, transaction expired, write conflict/deadlock.
const TRANSIENT_PRISMA_CODES = new Set(['P2024', 'P2028', 'P2034']);
// SQLSTATE classes that a retry cannot cure: data exception (22021 NUL byte, 22001 too long...),
// integrity constraint violation (23505 unique...), syntax or access rule (a bug in our SQL).
const DETERMINISTIC_SQLSTATE = /^(22|23|42)[0-9A-Z]{3}$/;
const MAX_DEPTH = 5;

// "Raw query failed" ($queryRaw/$executeRaw): deterministic or not according to the SQLSTATE inside it,
// which is a lost connection (08xxx) or a server starting up (57P03) as often as a data error.
const RAW_QUERY_FAILED = 'P2010';

/** The code of the first deterministic database error in the error, its causes or Prisma's metadata; undefined if none. */
export function deterministicDatabaseCode(error: unknown, depth = 0): string | undefined {
  if (depth > MAX_DEPTH || error === null || typeof error !== 'object') return undefined;
  const { code, originalCode, cause, meta } = error as { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: Record<string, unknown> };
  for (const candidate of [originalCode, code]) {
    if (typeof candidate !== 'string') continue;
    if (/^P2\d{3}$/.test(candidate) && !TRANSIENT_PRISMA_CODES.has(candidate) && candidate !== RAW_QUERY_FAILED) return candidate;
    if (DETERMINISTIC_SQLSTATE.test(candidate)) return candidate;
  }
  return (
    deterministicDatabaseCode(cause, depth + 1) ??
    deterministicDatabaseCode(meta?.driverAdapterError, depth + 1) ??
    (typeof meta?.code === 'string' ? deterministicDatabaseCode({ code: meta.code }, depth + 1) : undefined)
  );
}

/**
 * Makes a deterministic database error non-retryable, so a workflow gets an ActivityFailure it can
 * handle instead of an activity retrying forever (a NUL byte in text once wedged a dossier that way).
 * Other errors (connection lost, timeouts) keep the activity's retry policy: they heal on their own.
 */
export function failFastOnDataErrors<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  const wrapped: Record<string, (...args: never[]) => Promise<unknown>> = {};
  for (const [name, activity] of Object.entries(activities)) {
    wrapped[name] = async (...args) => {
      try {
        return await activity(...args);
      } catch (error) {
        const code = error instanceof ApplicationFailure ? undefined : deterministicDatabaseCode(error);
        if (code === undefined) throw error;
        throw ApplicationFailure.create({
          type: 'DeterministicDatabaseError',
          message: `${name}: cơ sở dữ liệu từ chối dữ liệu (mã ${code}); thử lại không giúp được, cần sửa dữ liệu. ${error instanceof Error ? error.message : String(error)}`,
          nonRetryable: true,
          details: [{ activity: name, code }],
          cause: error instanceof Error ? error : undefined,
        });
      }
    };
  }
  return wrapped as T;
}
