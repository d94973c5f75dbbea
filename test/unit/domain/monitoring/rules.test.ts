import fc from 'fast-check';
import {
  addDays,
  checkInspection,
  compareDates,
  ESCALATION_STEPS,
  fromEpochDay,
  inspectionSubject,
  nextEscalation,
  nextPeriodEnd,
  occupancyOf,
  periodEndOn,
  periodLabel,
  toEpochDay,
} from '../../../../domain';
import { CIRCULAR_14_2024_MONITORING as SCHEDULE } from '../../../../domain/rules/monitoring-schedules';

const day = fc.integer({ min: toEpochDay('2024-05-01'), max: toEpochDay('2040-12-31') }).map(fromEpochDay);

describe('reporting periods (Circular 14/2024: half-yearly)', () => {
  it('names the end of the half-year a date falls in', () => {
    expect(periodEndOn('2027-03-22', 6)).toBe('2027-06-30');
    expect(periodEndOn('2027-06-30', 6)).toBe('2027-06-30');
    expect(periodEndOn('2027-07-01', 6)).toBe('2027-12-31');
    expect(periodEndOn('2028-02-10', 1)).toBe('2028-02-29');
    expect(periodEndOn('2027-02-10', 3)).toBe('2027-03-31');
    expect(periodLabel('2027-12-31', 6)).toEqual({ from: '2027-07-01', to: '2027-12-31' });
  });

  it('tiles time: each period ends on or after its dates and the next one starts the day after', () => {
    fc.assert(
      fc.property(day, fc.constantFrom(1, 3, 6, 12), (date, months) => {
        const end = periodEndOn(date, months);
        expect(compareDates(end, date)).toBeGreaterThanOrEqual(0);
        expect(periodEndOn(end, months)).toBe(end);
        const next = nextPeriodEnd(end, months);
        expect(periodLabel(next, months).from).toBe(addDays(end, 1));
        expect(periodEndOn(periodLabel(end, months).from, months)).toBe(end);
      }),
      { seed: 14, numRuns: 300 },
    );
  });
});

describe('occupancy from a periodic report', () => {
  it('flags priority sectors (Decree 32/2024 Art. 3) and low occupancy', () => {
    const r = occupancyOf(SCHEDULE, 75, [
      { name: 'A', sector: 'ELECTRONICS', leasedHa: 20.5 },
      { name: 'B', sector: 'TEXTILE', leasedHa: 10 },
    ]);
    expect(r).toMatchObject({ leasedHa: 30.5, occupancyHundredths: 4066, priorityTenants: 1, low: true });
    expect(r.tenants.map((t) => t.priority)).toEqual([true, false]);
    expect(occupancyOf(SCHEDULE, 75, [{ name: 'C', sector: 'HIGH_TECH', leasedHa: 37.5 }]).low).toBe(false);
  });

  it('refuses more land leased than the cluster has', () => {
    expect(() => occupancyOf(SCHEDULE, 10, [{ name: 'A', sector: 'X', leasedHa: 10.01 }])).toThrow(/vượt diện tích/);
  });

  it('is exact and bounded for any tenants that fit', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 30 }), (centi) => {
        const area = Math.max(1, centi.reduce((a, b) => a + b, 0) / 100);
        const r = occupancyOf(SCHEDULE, area, centi.map((c, i) => ({ name: `T${i}`, sector: 'X', leasedHa: c / 100 })));
        expect(r.occupancyHundredths).toBeGreaterThanOrEqual(0);
        expect(r.occupancyHundredths).toBeLessThanOrEqual(10_000);
        expect(r.low).toBe(r.occupancyHundredths < 5_000);
      }),
      { seed: 38, numRuns: 200 },
    );
  });
});

describe('inspections: once a year per subject unless a violation is suspected', () => {
  const last = { [inspectionSubject('ENVIRONMENT')]: '2027-04-01', [inspectionSubject('LAND', 'Công ty A')]: '2027-04-01' };

  it('refuses a second scheduled inspection of a subject within the year, allows one a year later or of another subject', () => {
    expect(checkInspection(SCHEDULE, last, { area: 'ENVIRONMENT', kind: 'SCHEDULED', on: '2027-10-01' })).toMatchObject({ allowed: false, code: 'TooSoon' });
    expect(checkInspection(SCHEDULE, last, { area: 'ENVIRONMENT', kind: 'SCHEDULED', on: '2028-03-31' })).toEqual({ allowed: true });
    expect(checkInspection(SCHEDULE, last, { area: 'FIRE_SAFETY', kind: 'SCHEDULED', on: '2027-10-01' })).toEqual({ allowed: true });
    expect(checkInspection(SCHEDULE, last, { area: 'LAND', tenant: ' công ty a ', kind: 'SCHEDULED', on: '2027-10-01' })).toMatchObject({ code: 'TooSoon' });
    expect(checkInspection(SCHEDULE, last, { area: 'LAND', tenant: 'Công ty B', kind: 'SCHEDULED', on: '2027-10-01' })).toEqual({ allowed: true });
  });

  it('allows an ad-hoc inspection inside the year only with its reason', () => {
    expect(checkInspection(SCHEDULE, last, { area: 'ENVIRONMENT', kind: 'AD_HOC', on: '2027-05-01' })).toMatchObject({ allowed: false, code: 'NoReason' });
    expect(checkInspection(SCHEDULE, last, { area: 'ENVIRONMENT', kind: 'AD_HOC', reason: 'Dân phản ánh mùi hôi', on: '2027-05-01' })).toEqual({ allowed: true });
    expect(checkInspection(SCHEDULE, last, { area: 'ENVIRONMENT', kind: 'AD_HOC', reason: 'x', on: '2027-03-01' })).toMatchObject({ code: 'BeforeLast' });
  });

  it('never lets two scheduled inspections of one subject fall within minIntervalDays', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 800 }), (first, gap) => {
        const check = checkInspection(SCHEDULE, { [inspectionSubject('LAND')]: first }, { area: 'LAND', kind: 'SCHEDULED', on: addDays(first, gap) });
        expect(check.allowed).toBe(gap >= SCHEDULE.inspections.minIntervalDays);
      }),
      { seed: 365, numRuns: 200 },
    );
  });
});

describe('the escalation ladder', () => {
  it('climbs warning → penalty proposal → revocation proposal, then stops', () => {
    const steps = [];
    for (let rule = nextEscalation(SCHEDULE, null); rule; rule = nextEscalation(SCHEDULE, rule.step)) steps.push(rule.step);
    expect(steps).toEqual([...ESCALATION_STEPS]);
    expect(nextEscalation(SCHEDULE, 'REVOCATION_PROPOSAL')).toBeNull();
    expect(SCHEDULE.escalation.at(-1)?.remediation).toBeNull();
  });
});
