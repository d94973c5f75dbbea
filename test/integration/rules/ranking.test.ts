/**
 * POST /api/rules/ranking: council scoring (Decree 32/2024 Art. 13(2), DOMAIN.md §3). Criteria
 * maxima 15/15/30/40; an applicant's score is the mean over the voting members (the secretary does
 * not vote); ≥ 50 qualifies; the highest qualifying mean wins; a tie goes to the rule set's policy
 * (decree-32-2024: the chair's proposal; the later rule sets: financial plan, then capacity and
 * experience, then the chair). Expected results are worked out by hand in each test.
 */
import request from 'supertest';
import { createTestStack, type TestStack } from '../../support/stack';

type Criteria = [infrastructurePlan: number, environmentalProtectionPlan: number, capacityAndExperience: number, financialPlan: number];

const sheet = (memberId: string, applicantId: string, [i, e, c, f]: Criteria, role = 'member') => ({
  memberId,
  role,
  applicantId,
  criteria: { infrastructurePlan: i, environmentalProtectionPlan: e, capacityAndExperience: c, financialPlan: f },
});

/** Two voting members giving an applicant the same sheet. */
const both = (applicantId: string, criteria: Criteria) => [sheet('chair-1', applicantId, criteria, 'chair'), sheet('member-1', applicantId, criteria)];

describe('POST /api/rules/ranking', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await createTestStack('rules_ranking');
  });
  afterAll(() => stack.close());

  const rank = (body: unknown) => request(stack.app).post('/api/rules/ranking').send(body as object);

  it('Art. 13(2): the mean over voting members ranks, ≥ 50 qualifies: A (80+71)/2 = 75.5, B 60, C 40', async () => {
    const res = await rank({
      ruleSetId: 'decree-32-2024',
      scores: [
        sheet('chair-1', 'A', [15, 15, 30, 20], 'chair'),
        sheet('member-1', 'A', [10, 10, 25, 26]),
        ...both('B', [10, 10, 20, 20]),
        ...both('C', [5, 5, 10, 20]),
      ],
    }).expect(200);
    expect(res.body.winner).toBe('A');
    expect(res.body.tieBreak).toBeUndefined();
    expect(res.body.ranking.map((r: { applicantId: string; rank: number; meanScore: number; qualifies: boolean; voters: number }) => [r.applicantId, r.rank, r.meanScore, r.qualifies, r.voters])).toEqual([
      ['A', 1, 75.5, true, 2],
      ['B', 2, 60, true, 2],
      ['C', 3, 40, false, 2],
    ]);
    expect(res.body.ranking[0].criteriaMeans).toEqual({ infrastructurePlan: 12.5, environmentalProtectionPlan: 12.5, capacityAndExperience: 27.5, financialPlan: 23 });
  });

  it('Art. 13(2): exactly 50 qualifies, 49.5 ((49 + 50) / 2) does not, so nobody else can win', async () => {
    const res = await rank({
      ruleSetId: 'decree-32-2024',
      scores: [
        ...both('FIFTY', [10, 10, 15, 15]),
        sheet('chair-1', 'LOW', [10, 10, 15, 14], 'chair'),
        sheet('member-1', 'LOW', [10, 10, 15, 15]),
      ],
    }).expect(200);
    expect(res.body.winner).toBe('FIFTY');
    expect(res.body.ranking.map((r: { applicantId: string; meanScore: number; qualifies: boolean }) => [r.applicantId, r.meanScore, r.qualifies])).toEqual([
      ['FIFTY', 50, true],
      ['LOW', 49.5, false],
    ]);
  });

  it('Art. 13(2): nobody reaching 50 means no winner, with the reason', async () => {
    const res = await rank({ ruleSetId: 'decree-303-2026', scores: [...both('A', [5, 5, 10, 10]), ...both('B', [10, 10, 10, 10])] }).expect(200);
    expect(res.body.winner).toBeNull();
    expect(res.body.noWinnerReason).toMatch(/50/);
  });

  describe('Decree 32/2024 tie-break policy "chair-proposal": A 10+10+25+30 = 75 ties with B 10+10+20+35 = 75', () => {
    const scores = [...both('A', [10, 10, 25, 30]), ...both('B', [10, 10, 20, 35])];

    it('without the chair’s proposal there is no winner yet, and the tie is explained', async () => {
      const res = await rank({ ruleSetId: 'decree-32-2024', scores }).expect(200);
      expect(res.body.winner).toBeNull();
      expect(res.body.noWinnerReason).toMatch(/Chủ tịch Hội đồng/);
      expect(res.body.tieBreak).toMatchObject({ tiedApplicants: ['A', 'B'], method: 'chair-proposal' });
      expect(res.body.ranking.map((r: { rank: number }) => r.rank)).toEqual([1, 1]);
    });

    it('the chair proposes B: B wins by the chair’s proposal (the higher financial plan does not count under this policy)', async () => {
      const res = await rank({ ruleSetId: 'decree-32-2024', scores, chairProposal: 'B' }).expect(200);
      expect(res.body.winner).toBe('B');
      expect(res.body.tieBreak).toMatchObject({ tiedApplicants: ['A', 'B'], method: 'chair-proposal' });
    });

    it('the chair proposes A: A wins', async () => {
      const res = await rank({ ruleSetId: 'decree-32-2024', scores, chairProposal: 'A' }).expect(200);
      expect(res.body.winner).toBe('A');
    });
  });

  describe('provincial tie-break policy (two-level government and Decree 303/2026): financial plan, then capacity, then the chair', () => {
    it('A 10+10+25+30 = 75 and B 10+10+20+35 = 75: B’s financial plan 35 > 30 wins', async () => {
      const res = await rank({ ruleSetId: 'decree-32-2024-two-level', scores: [...both('A', [10, 10, 25, 30]), ...both('B', [10, 10, 20, 35])] }).expect(200);
      expect(res.body.winner).toBe('B');
      expect(res.body.tieBreak).toMatchObject({ tiedApplicants: ['A', 'B'], method: 'financial-plan' });
      expect(res.body.ranking.map((r: { applicantId: string; rank: number }) => [r.applicantId, r.rank])).toEqual([
        ['B', 1],
        ['A', 2],
      ]);
    });

    it('A 10+10+25+30 = 75 and D 5+10+30+30 = 75: same financial plan, D’s capacity 30 > 25 wins', async () => {
      const res = await rank({ ruleSetId: 'decree-303-2026', scores: [...both('A', [10, 10, 25, 30]), ...both('D', [5, 10, 30, 30])] }).expect(200);
      expect(res.body.winner).toBe('D');
      expect(res.body.tieBreak).toMatchObject({ tiedApplicants: ['A', 'D'], method: 'capacity-and-experience' });
    });

    it('A 10+10+25+30 and C 15+5+25+30: equal on both criteria, so the chair decides (C proposed)', async () => {
      const scores = [...both('A', [10, 10, 25, 30]), ...both('C', [15, 5, 25, 30])];
      const waiting = await rank({ ruleSetId: 'decree-303-2026', scores }).expect(200);
      expect(waiting.body.winner).toBeNull();
      expect(waiting.body.tieBreak).toMatchObject({ method: 'chair-proposal' });
      const decided = await rank({ ruleSetId: 'decree-303-2026', scores, chairProposal: 'C' }).expect(200);
      expect(decided.body.winner).toBe('C');
      expect(decided.body.tieBreak).toMatchObject({ tiedApplicants: ['A', 'C'], method: 'chair-proposal' });
    });
  });

  describe('invalid score sheets answer a 400 problem listing each one', () => {
    it('Art. 13(2) maxima, the non-voting secretary, negative and over-precise points, duplicates', async () => {
      const res = await rank({
        ruleSetId: 'decree-32-2024',
        scores: [
          sheet('m1', 'A', [16, 10, 20, 30]), // infrastructure plan over its maximum 15
          sheet('sec', 'A', [10, 10, 20, 30], 'secretary'), // the secretary does not vote
          sheet('m2', 'A', [10, 10, 20, -1]), // negative
          sheet('m3', 'A', [10, 10, 20.125, 30]), // more than 2 decimals
          sheet('m4', 'A', [10, 10, 20, 41]), // financial plan over its maximum 40
          sheet('m5', 'A', [10, 10, 20, 30]),
          sheet('m5', 'A', [10, 10, 20, 30]), // the same member twice for the same applicant
        ],
      }).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const fields = [...new Set(res.body.errors.map((e: { field: string }) => e.field))];
      expect(fields.sort()).toEqual(['scores.0', 'scores.1', 'scores.2', 'scores.3', 'scores.4', 'scores.6']);
      expect(res.body.errors.find((e: { field: string }) => e.field === 'scores.1').message).toMatch(/Thư ký/);
    });

    it.each([
      ['a missing ruleSetId', (b: Record<string, unknown>) => ({ ...b, ruleSetId: undefined }), ['ruleSetId']],
      ['an unknown ruleSetId', (b: Record<string, unknown>) => ({ ...b, ruleSetId: 'decree-1-1999' }), ['ruleSetId']],
      ['scores not a list', (b: Record<string, unknown>) => ({ ...b, scores: {} }), ['scores']],
      ['a missing criterion', (b: Record<string, unknown>) => ({ ...b, scores: [{ ...sheet('m1', 'A', [1, 1, 1, 1]), criteria: { infrastructurePlan: 1, environmentalProtectionPlan: 1, capacityAndExperience: 1 } }] }), ['scores.0.criteria.financialPlan']],
      ['a score given as text', (b: Record<string, unknown>) => ({ ...b, scores: [{ ...sheet('m1', 'A', [1, 1, 1, 1]), criteria: { infrastructurePlan: '1', environmentalProtectionPlan: 1, capacityAndExperience: 1, financialPlan: 1 } }] }), ['scores.0.criteria.infrastructurePlan']],
      ['an unknown council role', (b: Record<string, unknown>) => ({ ...b, scores: [sheet('m1', 'A', [1, 1, 1, 1], 'observer')] }), ['scores.0.role']],
      ['an empty member id', (b: Record<string, unknown>) => ({ ...b, scores: [sheet(' ', 'A', [1, 1, 1, 1])] }), ['scores.0.memberId']],
    ])('%s', async (_name, change, fields) => {
      const res = await rank(change({ ruleSetId: 'decree-32-2024', scores: both('A', [10, 10, 20, 30]) })).expect(400);
      expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
    });
  });
});
