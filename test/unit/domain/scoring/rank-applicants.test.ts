import { DECREE_32_2024, DECREE_32_2024_TWO_LEVEL, DomainError, rankApplicants, validateMemberScore, type MemberScore } from '../../../../domain';
import { sheet } from './support';

describe('validateMemberScore (Decree 32/2024 Art. 13(2): each criterion within its maximum)', () => {
  test('a complete sheet within the maxima 15/15/30/40 is valid, including the maxima and decimals', () => {
    expect(validateMemberScore(DECREE_32_2024, sheet('m1', 'A', [15, 15, 30, 40]))).toEqual([]);
    expect(validateMemberScore(DECREE_32_2024, sheet('m1', 'A', [0, 0, 0, 0], 'chair'))).toEqual([]);
    expect(validateMemberScore(DECREE_32_2024, sheet('m1', 'A', [12.5, 7.25, 20, 31.75], 'vice-chair'))).toEqual([]);
  });

  test.each([
    ['above the infrastructure maximum of 15', sheet('m1', 'A', [15.01, 10, 20, 30]), /vượt điểm tối đa 15/],
    ['above the financial-plan maximum of 40', sheet('m1', 'A', [10, 10, 20, 41]), /vượt điểm tối đa 40/],
    ['negative', sheet('m1', 'A', [10, -1, 20, 30]), /điểm âm/],
    ['not a number', sheet('m1', 'A', [Number.NaN, 10, 20, 30]), /không phải là số hữu hạn/],
    ['infinite', sheet('m1', 'A', [10, 10, Number.POSITIVE_INFINITY, 30]), /không phải là số hữu hạn/],
    ['more than two decimals', sheet('m1', 'A', [10.125, 10, 20, 30]), /tối đa 2 chữ số thập phân/],
    ['the secretary does not vote', sheet('s1', 'A', [10, 10, 20, 30], 'secretary'), /Thư ký/],
    ['missing member id', sheet(' ', 'A', [10, 10, 20, 30]), /Thiếu mã thành viên/],
  ])('refused: %s', (_case, score, message) => {
    const errors = validateMemberScore(DECREE_32_2024, score);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  test('a missing criterion and an unknown criterion are refused', () => {
    const missing = sheet('m1', 'A', [10, 10, 20, 30]);
    delete (missing.criteria as Partial<MemberScore['criteria']>).financialPlan;
    expect(validateMemberScore(DECREE_32_2024, missing)).toEqual([expect.stringMatching(/chưa chấm điểm/)]);
    const extra = { ...sheet('m1', 'A', [10, 10, 20, 30]), criteria: { ...sheet('m1', 'A', [10, 10, 20, 30]).criteria, bonus: 5 } } as MemberScore;
    expect(validateMemberScore(DECREE_32_2024, extra)).toEqual([expect.stringMatching(/bonus/)]);
  });

  test('rankApplicants throws INVALID_SCORE listing every error, and DUPLICATE_SCORE for a second sheet', () => {
    const bad = [sheet('m1', 'A', [16, 10, 20, 30]), sheet('s1', 'A', [10, 10, 20, 30], 'secretary')];
    expect(() => rankApplicants(DECREE_32_2024, { scores: bad })).toThrow(DomainError);
    try {
      rankApplicants(DECREE_32_2024, { scores: bad });
    } catch (e) {
      expect(e).toMatchObject({ code: 'INVALID_SCORE' });
      expect((e as DomainError).details).toHaveLength(2);
    }
    const duplicate = [sheet('m1', 'A', [10, 10, 20, 30]), sheet('m1', 'A', [11, 10, 20, 30])];
    expect(() => rankApplicants(DECREE_32_2024, { scores: duplicate })).toThrow(expect.objectContaining({ code: 'DUPLICATE_SCORE' }));
  });
});

describe('rankApplicants: mean of voting members, ≥ 50 qualifies, highest qualifying wins (Art. 13(2))', () => {
  test('means over the voting members; ranks; display rounded down to 2 decimals', () => {
    const result = rankApplicants(DECREE_32_2024, {
      scores: [
        // A: totals 80, 70, 61 → 211 / 3 = 70.333…
        sheet('m1', 'A', [12, 13, 25, 30]),
        sheet('m2', 'A', [10, 10, 20, 30]),
        sheet('m3', 'A', [10, 10, 16, 25]),
        // B: totals 60 and 50 → 55
        sheet('m1', 'B', [10, 10, 15, 25]),
        sheet('m2', 'B', [10, 10, 10, 20]),
        // C: 49.5 → does not qualify
        sheet('m1', 'C', [10, 9.5, 10, 20]),
      ],
    });
    expect(result.winner).toBe('A');
    expect(result.tieBreak).toBeUndefined();
    expect(result.ranking).toEqual([
      { rank: 1, applicantId: 'A', meanScore: 70.33, criteriaMeans: { infrastructurePlan: 10.66, environmentalProtectionPlan: 11, capacityAndExperience: 20.33, financialPlan: 28.33 }, voters: 3, qualifies: true },
      { rank: 2, applicantId: 'B', meanScore: 55, criteriaMeans: { infrastructurePlan: 10, environmentalProtectionPlan: 10, capacityAndExperience: 12.5, financialPlan: 22.5 }, voters: 2, qualifies: true },
      { rank: 3, applicantId: 'C', meanScore: 49.5, criteriaMeans: { infrastructurePlan: 10, environmentalProtectionPlan: 9.5, capacityAndExperience: 10, financialPlan: 20 }, voters: 1, qualifies: false },
    ]);
  });

  test('exactly 50 qualifies; a mean of 49.995 does not, and is displayed as 49.99 (not 50.00)', () => {
    const exact = rankApplicants(DECREE_32_2024, { scores: [sheet('m1', 'A', [10, 10, 10, 20]), sheet('m2', 'A', [10, 10, 10, 20])] });
    expect(exact.ranking[0]).toMatchObject({ meanScore: 50, qualifies: true });
    expect(exact.winner).toBe('A');
    const justUnder = rankApplicants(DECREE_32_2024, { scores: [sheet('m1', 'A', [10, 10, 10, 20]), sheet('m2', 'A', [10, 10, 10, 19.99])] });
    expect(justUnder.ranking[0]).toMatchObject({ meanScore: 49.99, qualifies: false });
    expect(justUnder.winner).toBeNull();
  });

  test('a single applicant is still scored and must reach 50 (DOMAIN.md §3)', () => {
    const result = rankApplicants(DECREE_32_2024, { scores: [sheet('m1', 'A', [10, 10, 10, 19])] });
    expect(result.winner).toBeNull();
    expect(result.noWinnerReason).toMatch(/50 điểm/);
  });

  test('no score sheets → no winner, with a reason', () => {
    const result = rankApplicants(DECREE_32_2024, { scores: [] });
    expect(result).toEqual({ ranking: [], winner: null, noWinnerReason: expect.any(String) });
  });

  test('means are compared exactly: 70.335 (2 voters) beats 70.333… (3 voters) though both display 70.33', () => {
    const result = rankApplicants(DECREE_32_2024, {
      scores: [
        sheet('m1', 'A', [10, 10, 20, 30]),
        sheet('m2', 'A', [10, 10, 20, 30]),
        sheet('m3', 'A', [10, 10, 20, 31]),
        sheet('m1', 'B', [10, 10, 20, 30.33]),
        sheet('m2', 'B', [10, 10, 20, 30.34]),
      ],
    });
    expect(result.winner).toBe('B');
    expect(result.ranking.map((r) => [r.applicantId, r.rank, r.meanScore])).toEqual([
      ['B', 1, 70.33],
      ['A', 2, 70.33],
    ]);
  });
});

describe('ties for first place follow the rule set’s policy', () => {
  // A and B both average 75; A has the better financial plan (35 vs 30), B the better capacity.
  const tied = [
    sheet('m1', 'A', [10, 10, 20, 35]),
    sheet('m2', 'A', [10, 10, 20, 35]),
    sheet('m1', 'B', [10, 10, 25, 30]),
    sheet('m2', 'B', [10, 10, 25, 30]),
    sheet('m1', 'C', [10, 10, 20, 20]),
    sheet('m2', 'C', [10, 10, 20, 20]),
  ];

  describe('Decree 32/2024: the chair proposes (chair-proposal)', () => {
    test('with the chair proposing B, B wins the tie', () => {
      const result = rankApplicants(DECREE_32_2024, { scores: tied, chairProposal: 'B' });
      expect(result.winner).toBe('B');
      expect(result.tieBreak).toEqual({ tiedApplicants: ['A', 'B'], method: 'chair-proposal', explanation: expect.stringContaining('Chủ tịch') });
      expect(result.ranking.map((r) => [r.applicantId, r.rank])).toEqual([
        ['B', 1],
        ['A', 1],
        ['C', 3],
      ]);
    });

    test('without a proposal the tie stays unresolved, even though A has the better financial plan', () => {
      const result = rankApplicants(DECREE_32_2024, { scores: tied });
      expect(result.winner).toBeNull();
      expect(result.noWinnerReason).toMatch(/đề xuất của Chủ tịch/);
      expect(result.tieBreak?.tiedApplicants).toEqual(['A', 'B']);
    });

    test('a proposal for an applicant outside the tie does not decide it', () => {
      const result = rankApplicants(DECREE_32_2024, { scores: tied, chairProposal: 'C' });
      expect(result.winner).toBeNull();
      expect(result.noWinnerReason).toContain('C');
    });
  });

  describe('two-level rule set: financial plan, then capacity and experience, then the chair', () => {
    test('the higher mean financial plan wins (A: 35 vs B: 30), whatever the chair proposes', () => {
      const result = rankApplicants(DECREE_32_2024_TWO_LEVEL, { scores: tied, chairProposal: 'B' });
      expect(result.winner).toBe('A');
      expect(result.tieBreak).toMatchObject({ tiedApplicants: ['A', 'B'], method: 'financial-plan' });
      expect(result.ranking.map((r) => [r.applicantId, r.rank])).toEqual([
        ['A', 1],
        ['B', 2],
        ['C', 3],
      ]);
    });

    test('equal financial plans: the higher capacity and experience wins', () => {
      const scores = [sheet('m1', 'A', [12, 10, 20, 30]), sheet('m1', 'B', [10, 10, 22, 30])];
      const result = rankApplicants(DECREE_32_2024_TWO_LEVEL, { scores });
      expect(result.winner).toBe('B');
      expect(result.tieBreak?.method).toBe('capacity-and-experience');
    });

    test('equal on both: the chair proposes; without a proposal no winner', () => {
      const scores = [sheet('m1', 'A', [12, 8, 20, 30]), sheet('m1', 'B', [8, 12, 20, 30])];
      expect(rankApplicants(DECREE_32_2024_TWO_LEVEL, { scores, chairProposal: 'A' })).toMatchObject({
        winner: 'A',
        tieBreak: { method: 'chair-proposal', tiedApplicants: ['A', 'B'] },
      });
      const unresolved = rankApplicants(DECREE_32_2024_TWO_LEVEL, { scores });
      expect(unresolved.winner).toBeNull();
      expect(unresolved.noWinnerReason).toMatch(/Chủ tịch/);
    });
  });

  test('a tie below the pass mark is no tie for the win', () => {
    const scores = [sheet('m1', 'A', [5, 5, 10, 20]), sheet('m1', 'B', [5, 5, 10, 20])];
    const result = rankApplicants(DECREE_32_2024, { scores, chairProposal: 'A' });
    expect(result.winner).toBeNull();
    expect(result.tieBreak).toBeUndefined();
  });
});
