import { isGrpcServiceError, ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { HttpProblem } from './problem';

/** Seconds a client should wait before retrying when a dependency is down. */
export const RETRY_AFTER_SECONDS = 5;

export type Dependency = 'database' | 'temporal';

// Prisma: cannot reach, timed out, server closed the connection, pool timeout, connection error.
const PRISMA_CONNECTION_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
// Prisma's driver adapter error kinds for a lost or unreachable server.
const ADAPTER_CONNECTION_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EHOSTUNREACH']);
// SQLSTATE: connection exception (08), too many connections, statement timeout, server shutting down or starting.
const PG_UNAVAILABLE = /^(08[0-9A-Z]{3}|53300|57014|57P0[1-3])$/;
const PG_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Can't reach database server|Query read timeout/i;
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;
const MAX_DEPTH = 6;

function databaseDown(error: object): boolean {
  const { code, kind, name, message, meta } = error as {
    code?: unknown;
    kind?: unknown;
    name?: unknown;
    message?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown } } };
  };
  if (name === 'PrismaClientInitializationError') return true;
  if (typeof code === 'string' && (PRISMA_CONNECTION_CODES.has(code) || SOCKET_CODES.has(code) || PG_UNAVAILABLE.test(code))) return true;
  if (typeof kind === 'string' && ADAPTER_CONNECTION_KINDS.has(kind)) return true;
  const adapterKind = meta?.driverAdapterError?.cause?.kind;
  if (typeof adapterKind === 'string' && ADAPTER_CONNECTION_KINDS.has(adapterKind)) return true;
  // A raw query's SQLSTATE sits in the adapter's cause (P2010): 57P03 while a restarted server recovers.
  const adapterCode = meta?.driverAdapterError?.cause?.code;
  if (typeof adapterCode === 'string' && PG_UNAVAILABLE.test(adapterCode)) return true;
  return typeof message === 'string' && PG_MESSAGES.test(message);
}

function temporalDown(error: object): boolean {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  if (isGrpcServiceError(error)) return error.code === GRPC_UNAVAILABLE || error.code === GRPC_DEADLINE_EXCEEDED;
  // Connection.lazy's first connect fails with a plain error naming the deadline.
  return error instanceof ServiceError && /deadline|UNAVAILABLE|connect/i.test(error.message);
}

/** Which dependency an error says is down or too slow (a retry later will do), if any. */
export function unavailableDependency(error: unknown, depth = 0): Dependency | undefined {
  if (depth > MAX_DEPTH || error === null || typeof error !== 'object') return undefined;
  if (temporalDown(error)) return 'temporal';
  if (databaseDown(error)) return 'database';
  return unavailableDependency((error as { cause?: unknown }).cause, depth + 1);
}

const WHAT: Record<Dependency, string> = { database: 'Cơ sở dữ liệu', temporal: 'Máy chủ quy trình (Temporal)' };

/** The 503 a client retries after Retry-After seconds; nothing was acknowledged, so a retry with the same Idempotency-Key is safe. */
export function serviceUnavailable(dependency: Dependency | 'deadline'): HttpProblem {
  const detail =
    dependency === 'deadline'
      ? 'Yêu cầu không hoàn tất trong thời hạn; hệ thống đang chậm. Gửi lại sau ít giây (cùng Idempotency-Key nếu có).'
      : `${WHAT[dependency]} tạm thời không kết nối được; yêu cầu chưa được ghi nhận. Gửi lại sau ${RETRY_AFTER_SECONDS} giây (cùng Idempotency-Key nếu có).`;
  return new HttpProblem(503, 'Dịch vụ tạm thời không sẵn sàng (Service Unavailable)', detail, { unavailable: dependency, retryAfterSeconds: RETRY_AFTER_SECONDS });
}
