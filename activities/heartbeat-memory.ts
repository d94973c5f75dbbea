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

/**
 * The same memory for an activity sending several mails: the heartbeat details list the keys of the
 * mails sent by this attempt and the ones before it.
 */
export function keyedHeartbeatMemory(): (idempotencyKey: string) => SendAttemptMemory {
  const context = Context.current();
  const recorded = (context.info.heartbeatDetails as { sentKeys?: unknown } | undefined)?.sentKeys;
  const sent = new Set(Array.isArray(recorded) ? recorded.filter((key): key is string => typeof key === 'string') : []);
  return (key) => ({
    sentBefore: () => sent.has(key),
    rememberSent: () => {
      sent.add(key);
      context.heartbeat({ sentKeys: [...sent] });
    },
  });
}
