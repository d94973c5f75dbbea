/**
 * POST /api/rules/screening: eligibility screening before scoring (DOMAIN.md §3). The equity
 * threshold is Land Law 2024 Art. 122(3): at least 20 % of the total investment for a project on
 * less than 20 ha, at least 15 % from 20 ha. Expected outcomes are worked out by hand.
 */
import request from 'supertest';
import { createTestStack, type TestStack } from '../../support/stack';

const BN = 1_000_000_000;

const facts = (overrides: Record<string, unknown> = {}) => ({
  legalStatus: { documentsValid: true, dissolving: false, suspended: false, underProsecution: false },
  totalInvestmentVnd: 100 * BN,
  equityVnd: 15 * BN,
  landAreaHa: 20,
  unremediedLandViolation: false,
  financialEvidence: ['audited-statements-2y'],
  experienceEvidenceCertified: true,
  ...overrides,
});

describe('POST /api/rules/screening', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await createTestStack('rules_screening');
  });
  afterAll(() => stack.close());

  const screen = (body: unknown) => request(stack.app).post('/api/rules/screening').send(body as object);

  it('Land Law 2024 Art. 122(3): at exactly 20 ha, 15 % equity (15 bn of 100 bn) is enough', async () => {
    const res = await screen(facts({ landAreaHa: 20, equityVnd: 15 * BN, filedOn: '2026-09-15' })).expect(200);
    expect(res.body).toEqual({ eligible: true, failures: [], ruleSetId: 'decree-303-2026' });
  });

  it('Land Law 2024 Art. 122(3): at 20 ha, 14,999,999,999 of 100 bn (just under 15 %) fails on equity', async () => {
    const res = await screen(facts({ landAreaHa: 20, equityVnd: 15 * BN - 1 })).expect(200);
    expect(res.body.eligible).toBe(false);
    expect(res.body.failures).toEqual([{ criterion: 'equity', reason: expect.stringMatching(/Luật Đất đai 2024/) }]);
  });

  it('Land Law 2024 Art. 122(3): at 19.99 ha the threshold is 20 %, so the same 15 % fails', async () => {
    const res = await screen(facts({ landAreaHa: 19.99, equityVnd: 15 * BN })).expect(200);
    expect(res.body.eligible).toBe(false);
    expect(res.body.failures.map((f: { criterion: string }) => f.criterion)).toEqual(['equity']);
    expect(res.body.failures[0].reason).toMatch(/20 %/);
  });

  it('Land Law 2024 Art. 122(3): at 19.99 ha, exactly 20 % (20 bn of 100 bn) passes', async () => {
    const res = await screen(facts({ landAreaHa: 19.99, equityVnd: 20 * BN, ruleSetId: 'decree-32-2024' })).expect(200);
    expect(res.body).toEqual({ eligible: true, failures: [], ruleSetId: 'decree-32-2024' });
  });

  it('DOMAIN.md §3: every failed criterion is listed with its reason (dissolving, land violation, no financial evidence, uncertified experience)', async () => {
    const res = await screen(
      facts({
        legalStatus: { documentsValid: true, dissolving: true, suspended: false, underProsecution: false },
        unremediedLandViolation: true,
        financialEvidence: [],
        experienceEvidenceCertified: false,
      }),
    ).expect(200);
    expect(res.body.eligible).toBe(false);
    expect(res.body.failures.map((f: { criterion: string }) => f.criterion).sort()).toEqual(
      ['experience-evidence', 'financial-evidence', 'land-law-compliance', 'legal-status'].sort(),
    );
    for (const failure of res.body.failures) expect(failure.reason).toEqual(expect.any(String));
  });

  it('a filing date before Decree 32/2024 applied is a 422 problem', async () => {
    const res = await screen(facts({ filedOn: '2024-04-30' })).expect(422);
    expect(res.body.detail).toMatch(/Không có bộ quy tắc/);
  });

  describe('bad input answers a 400 problem document naming each invalid field', () => {
    it.each([
      ['a negative land area', { landAreaHa: -1 }, ['landAreaHa']],
      ['a zero total investment', { totalInvestmentVnd: 0 }, ['totalInvestmentVnd']],
      ['a decimal investment', { totalInvestmentVnd: 1.5 }, ['totalInvestmentVnd']],
      ['a negative equity', { equityVnd: -1 }, ['equityVnd']],
      ['equity as a string', { equityVnd: '15000000000' }, ['equityVnd']],
      ['an unknown kind of financial evidence', { financialEvidence: ['letter-from-mum'] }, ['financialEvidence.0']],
      ['a missing legal status flag', { legalStatus: { documentsValid: true, dissolving: false, suspended: false } }, ['legalStatus.underProsecution']],
      ['both filedOn and ruleSetId', { filedOn: '2026-01-01', ruleSetId: 'decree-303-2026' }, ['ruleSetId']],
      ['a date that does not exist', { filedOn: '2026-02-30' }, ['filedOn']],
      ['an unknown ruleSetId', { ruleSetId: 'nope' }, ['ruleSetId']],
      ['several at once', { landAreaHa: 'big', equityVnd: -1, experienceEvidenceCertified: 'yes' }, ['equityVnd', 'experienceEvidenceCertified', 'landAreaHa']],
    ])('%s', async (_name, overrides, fields) => {
      const res = await screen(facts(overrides)).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
    });

    it('an empty body names every required field', async () => {
      const res = await screen({}).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
        ['equityVnd', 'experienceEvidenceCertified', 'financialEvidence', 'landAreaHa', 'legalStatus', 'totalInvestmentVnd', 'unremediedLandViolation'].sort(),
      );
    });

    it('an unknown field is refused', async () => {
      const res = await screen({ ...facts(), shoeSize: 42 }).expect(400);
      expect(res.body.errors.length).toBe(1);
    });
  });
});
