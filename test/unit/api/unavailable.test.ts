import { unavailableDependency } from '../../../api/http/unavailable';

/** Prisma's error for a raw query, shaped as a PostgreSQL restarted after a crash reports it (seen in the outage test). */
const rawQueryError = (sqlstate: string, message: string) =>
  Object.assign(new Error(`Raw query failed. Code: \`${sqlstate}\`. Message: \`${message}\``), {
    name: 'PrismaClientKnownRequestError',
    code: 'P2010',
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: sqlstate, kind: 'postgres', code: sqlstate, message } } },
  });

describe('unavailableDependency', () => {
  it.each([
    ['57P03', 'the database system is starting up'],
    ['57P01', 'terminating connection due to administrator command'],
    ['08006', 'connection failure'],
  ])('names the database for SQLSTATE %s inside a raw query error', (sqlstate, message) => {
    expect(unavailableDependency(rawQueryError(sqlstate, message))).toBe('database');
  });

  it('leaves a data error to the other handlers: a retry would not help', () => {
    expect(unavailableDependency(rawQueryError('23505', 'duplicate key value violates unique constraint'))).toBeUndefined();
  });
});
