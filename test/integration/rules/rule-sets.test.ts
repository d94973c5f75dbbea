/**
 * GET /api/rule-sets, /api/rule-sets/effective and /api/rule-sets/{id}. Expected values come from
 * the legal texts named in each test (DOMAIN.md §2 and §6), written out here, never from the code.
 */
import request from 'supertest';
import { createTestStack, type TestStack } from '../../support/stack';

const STAGES = ['callAnnouncement', 'applicationWindow', 'dossierSubmission', 'departmentOpinion', 'appraisal', 'decision'];
const WD = (amount: number) => ({ amount, unit: 'working-days' });
const D = (amount: number) => ({ amount, unit: 'calendar-days' });

/** Decree 32/2024 Art. 8–13 as applied in Long An (DOMAIN.md §2): 5 WD, 15 d, 5 WD, 10 WD (practice), 25 d, 7 WD. */
const DECREE_32_LIMITS = {
  callAnnouncement: WD(5),
  applicationWindow: D(15),
  dossierSubmission: WD(5),
  departmentOpinion: WD(10),
  appraisal: D(25),
  decision: WD(7),
};

/** Decree 32/2024 as amended by Decree 303/2026 (DOMAIN.md §6): call 2 WD, window 5 WD, submission 5 WD, appraisal 20 WD, decision 5 WD. */
const DECREE_303_LIMITS = {
  callAnnouncement: WD(2),
  applicationWindow: WD(5),
  dossierSubmission: WD(5),
  departmentOpinion: WD(10),
  appraisal: WD(20),
  decision: WD(5),
};

/** Decree 32/2024 Art. 13(2): 15/15/30/40, 50 points to qualify. */
const CRITERIA_MAXIMA = { infrastructurePlan: 15, environmentalProtectionPlan: 15, capacityAndExperience: 30, financialPlan: 40 };

/** Decree 31/2021 Art. 26(3): 3 % up to 300 bn, 2 % from 300 to 1,000 bn, 1 % above. */
const DEPOSIT_BRACKETS = [
  { upToVnd: 300_000_000_000, ratePercent: 3 },
  { upToVnd: 1_000_000_000_000, ratePercent: 2 },
  { upToVnd: null, ratePercent: 1 },
];

/** Land Law 2024 Art. 122(3): 20 % under 20 ha, 15 % from 20 ha. */
const EQUITY = { landAreaHaBelow: 20, minEquityPercentBelow: 20, minEquityPercentAtOrAbove: 15 };

describe('rule sets', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await createTestStack('rule_sets');
  });
  afterAll(() => stack.close());

  const effective = (filedOn: string) => request(stack.app).get(`/api/rule-sets/effective?filedOn=${filedOn}`);

  function expectComplete(body: Record<string, unknown>) {
    expect(Object.keys(body.limits as object).sort()).toEqual([...STAGES].sort());
    expect(body).toMatchObject({
      scoring: { passMark: 50 },
      equityThresholds: EQUITY,
      depositBrackets: DEPOSIT_BRACKETS,
      council: { chair: expect.any(String), secretary: expect.any(String), viceChairs: expect.any(Array), votingMembers: expect.any(Array) },
      consultedDepartments: expect.any(Array),
    });
    const criteria = (body.scoring as { criteria: { key: string; max: number }[] }).criteria;
    expect(Object.fromEntries(criteria.map((c) => [c.key, c.max]))).toEqual(CRITERIA_MAXIMA);
  }

  it('Decree 32/2024 applies from 01/5/2024: a dossier filed on 30/4/2024 has no rule set (422, Vietnamese message)', async () => {
    const res = await effective('2024-04-30').expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toMatch(/Không có bộ quy tắc/);
    expect(res.body.domainCode).toBe('NO_RULE_SET_IN_FORCE');
  });

  it('Decree 32/2024 (DOMAIN.md §2): filed 01/5/2024 → appraisal 25 d, decision 7 WD, district PC runs the call, chair-proposal tie-break', async () => {
    const res = await effective('2024-05-01').expect(200);
    expect(res.body).toMatchObject({
      id: 'decree-32-2024',
      effectiveFrom: '2024-05-01',
      effectiveUntil: '2025-06-30',
      limits: DECREE_32_LIMITS,
      callAuthority: 'district-pc',
      scoring: { tieBreak: 'chair-proposal' },
      silenceMeansConsent: true,
    });
    expect(res.body.council.viceChairs).toContain('DPI');
    expectComplete(res.body);
  });

  it('Decree 32/2024: 30/6/2025, the last day before two-level government, still takes it', async () => {
    const res = await effective('2025-06-30').expect(200);
    expect(res.body).toMatchObject({ id: 'decree-32-2024', callAuthority: 'district-pc' });
  });

  it('two-level government from 01/7/2025 (DOMAIN.md §6): commune PC runs the call, Finance vice-chairs, same limits', async () => {
    const res = await effective('2025-07-01').expect(200);
    expect(res.body).toMatchObject({
      id: 'decree-32-2024-two-level',
      effectiveFrom: '2025-07-01',
      effectiveUntil: '2026-09-14',
      limits: DECREE_32_LIMITS,
      callAuthority: 'commune-pc',
    });
    expect(res.body.council.viceChairs).toContain('DOF');
    expect(res.body.council.viceChairs).not.toContain('DPI');
    expectComplete(res.body);
  });

  it('two-level government: 14/9/2026, the day before Decree 303/2026 applies, keeps the old limits', async () => {
    const res = await effective('2026-09-14').expect(200);
    expect(res.body).toMatchObject({ id: 'decree-32-2024-two-level', limits: { appraisal: D(25), decision: WD(7) } });
  });

  it('Decree 303/2026 from 15/9/2026 (DOMAIN.md §6): call 2 WD, window 5 WD, submission 5 WD, appraisal 20 WD, decision 5 WD', async () => {
    const res = await effective('2026-09-15').expect(200);
    expect(res.body).toMatchObject({
      id: 'decree-303-2026',
      effectiveFrom: '2026-09-15',
      effectiveUntil: null,
      limits: DECREE_303_LIMITS,
      callAuthority: 'commune-pc',
    });
    expect(res.body.council.viceChairs).toContain('DOF');
    expectComplete(res.body);
  });

  it('lists every rule set oldest first, and reads one by id', async () => {
    const all = await request(stack.app).get('/api/rule-sets').expect(200);
    expect(all.body.map((r: { id: string }) => r.id)).toEqual(['decree-32-2024', 'decree-32-2024-two-level', 'decree-303-2026']);
    for (const ruleSet of all.body) expectComplete(ruleSet);

    const one = await request(stack.app).get('/api/rule-sets/decree-303-2026').expect(200);
    expect(one.body).toMatchObject({ id: 'decree-303-2026', limits: DECREE_303_LIMITS });
    expect(one.body.legalBasis.join(' ')).toMatch(/303\/2026/);
  });

  it('an unknown rule set id is a 404 problem naming the known ones', async () => {
    const res = await request(stack.app).get('/api/rule-sets/decree-1-1999').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toMatch(/decree-32-2024/);
  });

  describe('bad input answers a 400 problem document naming each invalid field', () => {
    it.each([
      ['a date that does not exist', 'filedOn=2025-02-29'],
      ['another format', 'filedOn=01/05/2024'],
      ['a missing filedOn', ''],
      ['an empty filedOn', 'filedOn='],
    ])('%s', async (_name, query) => {
      const res = await request(stack.app).get(`/api/rule-sets/effective?${query}`).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.filedOn']);
    });
  });

  it('documents the rules endpoints in the OpenAPI document', async () => {
    const res = await request(stack.app).get('/api/openapi.json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/rule-sets',
        '/api/rule-sets/effective',
        '/api/rule-sets/{id}',
        '/api/rules/deposit',
        '/api/rules/screening',
        '/api/rules/ranking',
      ]),
    );
  });
});
