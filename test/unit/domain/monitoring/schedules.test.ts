import { createHash } from 'node:crypto';
import { MONITORING_SCHEDULES, monitoringScheduleInForce } from '../../../../domain/rules/monitoring-schedules';

/**
 * Released monitoring schedules are immutable, like rule sets (released.test.ts): a monitored cluster
 * carries its schedule in its workflow input, and a change is a new schedule version.
 */
const RELEASED: Record<string, string> = {
  'monitoring-circular-14-2024': 'a9e4b9f974ec2fdee0fc84fce538abcd77a11a4301b4e49489f033585cb9422f',
};

describe('released monitoring schedules', () => {
  it.each(MONITORING_SCHEDULES.map((s) => [s.id, s] as const))('%s keeps the content it was released with', (id, schedule) => {
    expect(createHash('sha256').update(JSON.stringify(schedule)).digest('hex')).toBe(RELEASED[id]);
  });

  it('lists every schedule the code knows, and each has the five milestones with the environmental one flagged', () => {
    expect(MONITORING_SCHEDULES.map((s) => s.id).sort()).toEqual(Object.keys(RELEASED).sort());
    for (const s of MONITORING_SCHEDULES) {
      expect(s.milestones.map((m) => m.kind)).toEqual(['SERVICES_RULES', 'LAND_HANDOVER', 'CONSTRUCTION_START', 'WASTEWATER_TREATMENT', 'TECHNICAL_INFRASTRUCTURE']);
      expect(s.milestones.filter((m) => m.environmental).map((m) => m.kind)).toEqual(['WASTEWATER_TREATMENT']);
      expect(s.milestones[0]?.limit).toEqual({ amount: 5, unit: 'working-days' });
    }
  });

  it('gives a decision the schedule in force on its day', () => {
    expect(monitoringScheduleInForce('2026-12-02').id).toBe('monitoring-circular-14-2024');
    expect(() => monitoringScheduleInForce('2024-01-01')).toThrow();
  });
});
