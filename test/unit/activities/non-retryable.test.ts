import { deterministicDatabaseCode } from '../../../activities/non-retryable';

/** Prisma's error for a failed $queryRaw/$executeRaw, with the SQLSTATE in the driver adapter's cause. */
const rawQueryError = (sqlstate: string) =>
  Object.assign(new Error(`Raw query failed. Code: \`${sqlstate}\``), {
    code: 'P2010',
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: sqlstate, kind: 'postgres', code: sqlstate } } },
  });

describe('deterministicDatabaseCode', () => {
  it.each(['57P03', '57P01', '08006', '53300', '40001'])('lets a raw query that failed with %s retry: it heals by itself', (sqlstate) => {
    expect(deterministicDatabaseCode(rawQueryError(sqlstate))).toBeUndefined();
  });

  it.each(['22021', '23505', '42703'])('stops a raw query that failed with %s: every retry fails the same way', (sqlstate) => {
    expect(deterministicDatabaseCode(rawQueryError(sqlstate))).toBe(sqlstate);
  });

  it('still stops the data errors of Prisma queries, and lets its pool timeout retry', () => {
    expect(deterministicDatabaseCode({ code: 'P2002' })).toBe('P2002');
    expect(deterministicDatabaseCode({ code: 'P2024' })).toBeUndefined();
  });
});
