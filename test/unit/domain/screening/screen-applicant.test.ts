import { DECREE_32_2024, DECREE_303_2026, DomainError, screenApplicant, type ApplicantFacts } from '../../../../domain';

const BN = 1_000_000_000;

/** An applicant that passes every criterion: 20 % equity on 19.99 ha. */
function facts(overrides: Partial<ApplicantFacts> = {}): ApplicantFacts {
  return {
    legalStatus: { documentsValid: true, dissolving: false, suspended: false, underProsecution: false },
    totalInvestmentVnd: 100 * BN,
    equityVnd: 20 * BN,
    landAreaHa: 19.99,
    unremediedLandViolation: false,
    financialEvidence: ['audited-statements-2y'],
    experienceEvidenceCertified: true,
    ...overrides,
  };
}

describe('eligibility screening (DOMAIN.md §3)', () => {
  test('a complete, sound applicant is eligible', () => {
    expect(screenApplicant(DECREE_32_2024, facts())).toEqual({ eligible: true, failures: [] });
  });

  describe('equity: Land Law 2024 Art. 122(3): ≥ 20 % under 20 ha, ≥ 15 % from 20 ha', () => {
    test.each([
      // [land ha, equity bn of 100 bn, eligible]
      [19.99, 20, true], // under 20 ha: 20 % required, 20 % held
      [19.99, 19.99, false], // 19.99 % < 20 %
      [19.99, 15, false], // the 15 % threshold does not apply under 20 ha
      [20, 15, true], // exactly 20 ha uses the 15 % threshold
      [20, 14.99, false],
      [75, 15, true],
      [5, 100, true],
    ])('%s ha with %s bn equity on 100 bn → eligible: %s', (landAreaHa, equityBn, eligible) => {
      const result = screenApplicant(DECREE_32_2024, facts({ landAreaHa, equityVnd: Math.round(equityBn * BN) }));
      expect(result.eligible).toBe(eligible);
      expect(result.failures.map((f) => f.criterion)).toEqual(eligible ? [] : ['equity']);
    });

    test('the reason names the required and the actual percentages, and the land band', () => {
      const [failure] = screenApplicant(DECREE_32_2024, facts({ equityVnd: 19_990_000_000 })).failures;
      expect(failure?.reason).toContain('19,99 %');
      expect(failure?.reason).toContain('tối thiểu 20 %');
      expect(failure?.reason).toContain('dưới 20 ha');
      const [at20] = screenApplicant(DECREE_303_2026, facts({ landAreaHa: 20, equityVnd: 14_990_000_000 })).failures;
      expect(at20?.reason).toContain('tối thiểu 15 %');
      expect(at20?.reason).toContain('từ 20 ha trở lên');
    });

    test('exact integer arithmetic: one đồng short of 20 % of a huge total fails, the exact amount passes', () => {
      // 9 007 199 254 740 990 / 5 = 1 801 439 850 948 198 exactly.
      const totalInvestmentVnd = 9_007_199_254_740_990;
      expect(screenApplicant(DECREE_32_2024, facts({ totalInvestmentVnd, equityVnd: 1_801_439_850_948_198 })).eligible).toBe(true);
      expect(screenApplicant(DECREE_32_2024, facts({ totalInvestmentVnd, equityVnd: 1_801_439_850_948_197 })).eligible).toBe(false);
      // The actual share is shown rounded down, so it never displays as the threshold.
      expect(screenApplicant(DECREE_32_2024, facts({ totalInvestmentVnd, equityVnd: 1_801_439_850_948_197 })).failures[0]?.reason).toContain('19,99 %');
    });
  });

  test('legal status: every problem is named in one failure', () => {
    const result = screenApplicant(
      DECREE_32_2024,
      facts({ legalStatus: { documentsValid: false, dissolving: true, suspended: false, underProsecution: true } }),
    );
    expect(result.eligible).toBe(false);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]?.criterion).toBe('legal-status');
    expect(result.failures[0]?.reason).toMatch(/giấy tờ.*giải thể.*hình sự/);
  });

  test.each([
    ['legal-status', { legalStatus: { documentsValid: true, dissolving: false, suspended: true, underProsecution: false } }],
    ['land-law-compliance', { unremediedLandViolation: true }],
    ['financial-evidence', { financialEvidence: [] }],
    ['experience-evidence', { experienceEvidenceCertified: false }],
  ] as const)('fails %s alone', (criterion, override) => {
    const result = screenApplicant(DECREE_32_2024, facts(override as Partial<ApplicantFacts>));
    expect(result.eligible).toBe(false);
    expect(result.failures).toEqual([{ criterion, reason: expect.any(String) }]);
  });

  test('any one kind of financial evidence is enough', () => {
    for (const kind of ['audited-statements-2y', 'parent-company-commitment', 'bank-commitment', 'financial-guarantee'] as const) {
      expect(screenApplicant(DECREE_32_2024, facts({ financialEvidence: [kind] })).eligible).toBe(true);
    }
  });

  test('all failures are reported together, in a fixed order', () => {
    const result = screenApplicant(
      DECREE_32_2024,
      facts({
        legalStatus: { documentsValid: true, dissolving: true, suspended: false, underProsecution: false },
        equityVnd: 0,
        unremediedLandViolation: true,
        financialEvidence: [],
        experienceEvidenceCertified: false,
      }),
    );
    expect(result.failures.map((f) => f.criterion)).toEqual(['legal-status', 'equity', 'land-law-compliance', 'financial-evidence', 'experience-evidence']);
  });

  test('malformed facts are a data error, not a failed criterion', () => {
    expect(() => screenApplicant(DECREE_32_2024, facts({ totalInvestmentVnd: 0 }))).toThrow(DomainError);
    expect(() => screenApplicant(DECREE_32_2024, facts({ equityVnd: 1.5 }))).toThrow(DomainError);
    expect(() => screenApplicant(DECREE_32_2024, facts({ landAreaHa: Number.NaN }))).toThrow(DomainError);
  });
});
