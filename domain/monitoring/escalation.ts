import type { EscalationRule, EscalationStep, MonitoringSchedule } from './types';

/**
 * The step an unremedied violation climbs to next: the first rung when none was decided, then each
 * one above; null at the top (a revocation or replacement proposal is the last thing monitoring does).
 */
export function nextEscalation(schedule: Pick<MonitoringSchedule, 'escalation'>, current: EscalationStep | null): EscalationRule | null {
  if (current === null) return schedule.escalation[0] ?? null;
  const at = schedule.escalation.findIndex((rule) => rule.step === current);
  return at < 0 ? null : (schedule.escalation[at + 1] ?? null);
}
