import { Context } from '@temporalio/activity';
import type { SendAttemptMemory } from './mail';

/**
 * The running activity's heartbeat details as the memory of its attempts: Temporal keeps the last
 * details recorded and gives them to the next attempt, even when the database is what failed.
 */
export function heartbeatMemory(): SendAttemptMemory {
  const context = Context.current();
  return {
    sentBefore: () => (context.info.heartbeatDetails as { sent?: unknown } | undefined)?.sent === true,
    rememberSent: () => context.heartbeat({ sent: true }),
  };
}
