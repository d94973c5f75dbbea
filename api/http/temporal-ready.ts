import type { ConnectionLike } from '@temporalio/client';
import type { RequestHandler } from 'express';
import { serviceUnavailable } from './unavailable';

/**
 * How long a request waits for Temporal to answer a cheap call before it is told 503. A running
 * server answers in milliseconds; a stopped one is retried by the SDK until a call's deadline, so
 * without this check the client heard of it only at the submission's 15 s deadline.
 */
export const TEMPORAL_READY_WAIT_MS = 2_000;

/**
 * gRPC's reconnect back-off, capped so that the API reconnects to a restarted Temporal within a
 * second (gRPC's default grows to 2 minutes, which held retried requests off long after recovery).
 */
export const TEMPORAL_CHANNEL_ARGS = { 'grpc.initial_reconnect_backoff_ms': 250, 'grpc.max_reconnect_backoff_ms': 1_000 } as const;

/**
 * Put after the Idempotency-Key middleware of a route that forwards to Temporal: a stored answer
 * still replays while Temporal is away, and otherwise the client gets a 503 with Retry-After within
 * TEMPORAL_READY_WAIT_MS (the 503 releases the key's record, so the retry with the same key is safe).
 */
export function temporalReady(connection: ConnectionLike): RequestHandler {
  // Checked on every request, not cached: a cached "ready" let requests sent just after a crash wait out the 15 s deadline.
  return async (_req, _res, next) => {
    const signal = AbortSignal.timeout(TEMPORAL_READY_WAIT_MS);
    const check = connection.withAbortSignal(signal, () =>
      connection.withDeadline(Date.now() + TEMPORAL_READY_WAIT_MS, () => connection.workflowService.getSystemInfo({})),
    );
    check.catch(() => undefined);
    // A hard bound: the SDK's retry of an unavailable server may sleep past the call's deadline before it gives up.
    const bound = new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('timeout')), { once: true }));
    bound.catch(() => undefined);
    try {
      await Promise.race([check, bound]);
    } catch {
      throw serviceUnavailable('temporal');
    }
    next();
  };
}
