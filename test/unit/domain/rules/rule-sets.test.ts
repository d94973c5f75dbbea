import { DomainError, RULE_SETS, STAGE_KEYS, ruleSetById, ruleSetInForce, type RuleSet } from '../../../../domain';

describe('ruleSetInForce: a dossier keeps the rule set in force on its filing date (DOMAIN.md §6)', () => {
  test.each([
    ['2024-05-01', 'decree-32-2024'], // Decree 32/2024 applies from 01/5/2024
    ['2025-06-30', 'decree-32-2024'], // last day before two-level government
    ['2025-07-01', 'decree-32-2024-two-level'], // two-level local government from 01/7/2025
    ['2026-09-14', 'decree-32-2024-two-level'], // day before Decree 303/2026
    ['2026-09-15', 'decree-303-2026'], // Decree 303/2026 from 15/9/2026
    ['2030-01-01', 'decree-303-2026'],
  ])('filed %s → %s', (filedOn, id) => {
    expect(ruleSetInForce(filedOn).id).toBe(id);
  });

  test('filed 2024-04-30, before Decree 32/2024 applies → DomainError in Vietnamese', () => {
    expect(() => ruleSetInForce('2024-04-30')).toThrow(DomainError);
    expect(() => ruleSetInForce('2024-04-30')).toThrow(expect.objectContaining({ code: 'NO_RULE_SET_IN_FORCE' }));
    expect(() => ruleSetInForce('2024-04-30')).toThrow(/01\/05\/2024/);
  });

  test('an invalid filing date is refused', () => {
    expect(() => ruleSetInForce('2025-02-29')).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
  });
});

describe('the three rule sets', () => {
  const byId = (id: string): RuleSet => {
    const ruleSet = ruleSetById(id);
    if (!ruleSet) throw new Error(`missing ${id}`);
    return ruleSet;
  };
  const limitsOf = (ruleSet: RuleSet) => STAGE_KEYS.map((k) => `${ruleSet.limits[k].amount} ${ruleSet.limits[k].unit === 'working-days' ? 'WD' : 'd'}`);

  test('ids, order and lookups', () => {
    expect(RULE_SETS.map((r) => r.id)).toEqual(['decree-32-2024', 'decree-32-2024-two-level', 'decree-303-2026']);
    expect(RULE_SETS.map((r) => r.effectiveFrom)).toEqual(['2024-05-01', '2025-07-01', '2026-09-15']);
    expect(ruleSetById('decree-99-2030')).toBeUndefined();
  });

  test('Decree 32/2024 limits: call 5 WD, window 15 d, submission 5 WD, opinions 10 WD, appraisal 25 d, decision 7 WD', () => {
    expect(STAGE_KEYS).toEqual(['callAnnouncement', 'applicationWindow', 'dossierSubmission', 'departmentOpinion', 'appraisal', 'decision']);
    expect(limitsOf(byId('decree-32-2024'))).toEqual(['5 WD', '15 d', '5 WD', '10 WD', '25 d', '7 WD']);
    expect(limitsOf(byId('decree-32-2024-two-level'))).toEqual(['5 WD', '15 d', '5 WD', '10 WD', '25 d', '7 WD']);
  });

  test('Decree 303/2026 limits: call 2 WD, window 5 WD, submission 5 WD, opinions 10 WD, appraisal 20 WD, decision 5 WD', () => {
    expect(limitsOf(byId('decree-303-2026'))).toEqual(['2 WD', '5 WD', '5 WD', '10 WD', '20 WD', '5 WD']);
  });

  test('consulted departments and who runs the call (DOMAIN.md §2, §6)', () => {
    expect(byId('decree-32-2024').consultedDepartments).toEqual(['DPI', 'DONRE', 'DOC', 'DOF', 'DARD', 'POLICE', 'DISTRICT_PC']);
    expect(byId('decree-32-2024').callAuthority).toBe('district-pc');
    for (const id of ['decree-32-2024-two-level', 'decree-303-2026']) {
      expect(byId(id).consultedDepartments).toEqual(['DOF', 'DAE', 'DOC', 'POLICE', 'COMMUNE_PC']);
      expect(byId(id).callAuthority).toBe('commune-pc');
    }
  });

  test('council: DPI vice-chairs under Decree 32/2024, Finance afterwards; the secretary does not vote', () => {
    expect(byId('decree-32-2024').council.viceChairs).toContain('DPI');
    expect(byId('decree-303-2026').council.viceChairs).toContain('DOF');
    expect(byId('decree-303-2026').council.viceChairs).not.toContain('DPI');
    for (const ruleSet of RULE_SETS) {
      expect(ruleSet.council.votingMembers).toContain(ruleSet.council.chair);
      expect(ruleSet.council.votingMembers).toEqual(expect.arrayContaining(ruleSet.council.viceChairs));
    }
  });

  test('tie-break: chair proposal under Decree 32/2024; financial plan, capacity, chair afterwards', () => {
    expect(byId('decree-32-2024').scoring.tieBreak).toBe('chair-proposal');
    expect(byId('decree-32-2024-two-level').scoring.tieBreak).toBe('financial-plan-then-capacity-then-chair');
    expect(byId('decree-303-2026').scoring.tieBreak).toBe('financial-plan-then-capacity-then-chair');
  });

  test.each(['decree-32-2024', 'decree-32-2024-two-level', 'decree-303-2026'])(
    '%s: scoring 15/15/30/40 with pass mark 50 (Art. 13(2)); equity 20 % / 15 % at 20 ha; deposit 3/2/1 % (Decree 31/2021)',
    (id) => {
      const ruleSet = byId(id);
      expect(ruleSet.scoring.criteria.map((c) => [c.key, c.max])).toEqual([
        ['infrastructurePlan', 15],
        ['environmentalProtectionPlan', 15],
        ['capacityAndExperience', 30],
        ['financialPlan', 40],
      ]);
      expect(ruleSet.scoring.passMark).toBe(50);
      expect(ruleSet.equityThresholds).toEqual({ landAreaHaBelow: 20, minEquityPercentBelow: 20, minEquityPercentAtOrAbove: 15 });
      expect(ruleSet.depositBrackets).toEqual([
        { upToVnd: 300_000_000_000, ratePercent: 3 },
        { upToVnd: 1_000_000_000_000, ratePercent: 2 },
        { upToVnd: null, ratePercent: 1 },
      ]);
      expect(ruleSet.legalBasis.length).toBeGreaterThan(0);
    },
  );

  test('rule sets are immutable: a caller cannot change another dossier’s rules', () => {
    const ruleSet = byId('decree-32-2024');
    expect(() => {
      (ruleSet.limits.appraisal as { amount: number }).amount = 1;
    }).toThrow(TypeError);
    expect(() => {
      ruleSet.consultedDepartments.push('X');
    }).toThrow(TypeError);
    expect(ruleSet.limits.appraisal.amount).toBe(25);
  });
});
