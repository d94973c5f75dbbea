import fc from 'fast-check';
import {
  CRITERION_KEYS,
  DECREE_32_2024,
  DECREE_32_2024_TWO_LEVEL,
  DECREE_303_2026,
  DomainError,
  rankApplicants,
  validateMemberScore,
  type CriterionKey,
  type MemberScore,
} from '../../../../domain';
import { sheet } from './support';

const ruleSet = fc.constantFrom(DECREE_32_2024, DECREE_32_2024_TWO_LEVEL, DECREE_303_2026);
const MAX: Record<CriterionKey, number> = { infrastructurePlan: 15, environmentalProtectionPlan: 15, capacityAndExperience: 30, financialPlan: 40 };

/** Points in half-point steps within a maximum (half points make exact ties likely). */
const points = (max: number) => fc.integer({ min: 0, max: max * 2 }).map((n) => n / 2);

/** Unique (member, applicant) sheets from a small council and a few applicants. */
const sheets = fc
  .uniqueArray(
    fc.record({
      memberId: fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5'),
      applicantId: fc.constantFrom('A', 'B', 'C', 'D'),
      role: fc.constantFrom('chair' as const, 'vice-chair' as const, 'member' as const),
      criteria: fc.record({
        infrastructurePlan: points(15),
        environmentalProtectionPlan: points(15),
        capacityAndExperience: points(30),
        financialPlan: points(40),
      }),
    }),
    { selector: (s) => `${s.memberId}|${s.applicantId}`, maxLength: 20 },
  )
  .map((list) => list as MemberScore[]);

describe('scoring properties', () => {
  test('a score above a criterion maximum is always refused', () => {
    fc.assert(
      fc.property(ruleSet, fc.constantFrom(...CRITERION_KEYS), fc.integer({ min: 1, max: 100_000 }), (rules, key, excessHundredths) => {
        const score = sheet('m1', 'A', [1, 1, 1, 1]);
        score.criteria[key] = MAX[key] + excessHundredths / 100;
        expect(validateMemberScore(rules, score).length).toBeGreaterThan(0);
        expect(() => rankApplicants(rules, { scores: [sheet('m2', 'A', [10, 10, 20, 30]), score] })).toThrow(DomainError);
      }),
    );
  });

  test('the ranking is the same whatever order the score sheets arrive in', () => {
    fc.assert(
      fc.property(
        ruleSet,
        sheets,
        fc.option(fc.constantFrom('A', 'B', 'C', 'D'), { nil: undefined }),
        fc.array(fc.integer(), { minLength: 20, maxLength: 20 }),
        (rules, scores, chairProposal, keys) => {
          const shuffled = scores
            .map((s, i) => ({ s, k: keys[i] ?? 0 }))
            .sort((a, b) => a.k - b.k)
            .map(({ s }) => s);
          const reversed = [...scores].reverse();
          const expected = rankApplicants(rules, { scores, chairProposal });
          expect(rankApplicants(rules, { scores: shuffled, chairProposal })).toEqual(expected);
          expect(rankApplicants(rules, { scores: reversed, chairProposal })).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('the winner qualifies and no qualifying applicant has a higher exact mean', () => {
    fc.assert(
      fc.property(ruleSet, sheets, fc.option(fc.constantFrom('A', 'B', 'C', 'D'), { nil: undefined }), (rules, scores, chairProposal) => {
        const result = rankApplicants(rules, { scores, chairProposal });
        const exactMean = (id: string) => {
          const mine = scores.filter((s) => s.applicantId === id);
          return mine.reduce((sum, s) => sum + CRITERION_KEYS.reduce((t, k) => t + s.criteria[k] * 2, 0), 0) / mine.length;
        };
        if (result.winner === null) {
          expect(result.noWinnerReason).toEqual(expect.any(String));
          return;
        }
        expect(exactMean(result.winner)).toBeGreaterThanOrEqual(100); // 50 points, in half points
        for (const r of result.ranking) expect(exactMean(r.applicantId)).toBeLessThanOrEqual(exactMean(result.winner));
      }),
      { numRuns: 300 },
    );
  });
});
