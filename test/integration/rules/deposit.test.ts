/**
 * GET /api/rules/deposit. Decree 31/2021 Art. 26(3): 3 % of the capital up to VND 300 billion, 2 %
 * of the part from 300 to 1,000 billion, 1 % of the part above 1,000 billion. Expected amounts are
 * written out by hand (a fraction of a đồng is rounded down), never computed by the code under test.
 */
import request from 'supertest';
import { createTestStack, type TestStack } from '../../support/stack';

const BN = 1_000_000_000;

describe('GET /api/rules/deposit', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await createTestStack('rules_deposit');
  });
  afterAll(() => stack.close());

  const deposit = (query: string) => request(stack.app).get(`/api/rules/deposit?${query}`);

  it.each([
    ['0 → 0', 0, 0],
    ['100 bn × 3 % = 3 bn', 100 * BN, 3 * BN],
    ['just under 300 bn: 299,999,999,999 × 3 % = 8,999,999,999.97 → 8,999,999,999', 300 * BN - 1, 8_999_999_999],
    ['exactly 300 bn × 3 % = 9 bn', 300 * BN, 9 * BN],
    ['300 bn + 1 đồng: 9 bn + 0.02 đồng → 9 bn', 300 * BN + 1, 9 * BN],
    ['300 bn + 100 đồng: 9 bn + 2 đồng', 300 * BN + 100, 9 * BN + 2],
    ['800 bn: 9 bn + 2 % × 500 bn = 19 bn (DOMAIN.md example)', 800 * BN, 19 * BN],
    ['just under 1,000 bn: 9 bn + 2 % × 699,999,999,999 = 22,999,999,999.98 → 22,999,999,999', 1000 * BN - 1, 22_999_999_999],
    ['exactly 1,000 bn: 9 + 14 = 23 bn', 1000 * BN, 23 * BN],
    ['1,000 bn + 100 đồng: 23 bn + 1 đồng', 1000 * BN + 100, 23 * BN + 1],
    ['1,200 bn: 23 bn + 1 % × 200 bn = 25 bn', 1200 * BN, 25 * BN],
  ])('Decree 31/2021 Art. 26(3): %s', async (_name, capital, expected) => {
    const res = await deposit(`capitalVnd=${capital}`).expect(200);
    expect(res.body).toMatchObject({ capitalVnd: capital, depositVnd: expected });
  });

  it('Decree 31/2021 Art. 26(3) at Number.MAX_SAFE_INTEGER: 23 bn + ⌊1 % × (2^53 − 1 − 1,000 bn)⌋', async () => {
    const capital = BigInt(Number.MAX_SAFE_INTEGER);
    const expected = 23n * BigInt(BN) + (capital - 1000n * BigInt(BN)) / 100n;
    const res = await deposit(`capitalVnd=${Number.MAX_SAFE_INTEGER}`).expect(200);
    expect(res.body.depositVnd).toBe(Number(expected));
  });

  it('uses the rule set in force on filedOn, or the one named by ruleSetId (all share Decree 31/2021 brackets)', async () => {
    const filed = await deposit(`capitalVnd=${800 * BN}&filedOn=2024-05-01`).expect(200);
    expect(filed.body).toEqual({ capitalVnd: 800 * BN, depositVnd: 19 * BN, ruleSetId: 'decree-32-2024' });
    const named = await deposit(`capitalVnd=${800 * BN}&ruleSetId=decree-303-2026`).expect(200);
    expect(named.body.ruleSetId).toBe('decree-303-2026');
    const today = await deposit(`capitalVnd=${800 * BN}`).expect(200);
    expect(today.body.ruleSetId).toEqual(expect.any(String));
  });

  it('a filing date before Decree 32/2024 applied (30/4/2024) is a 422 problem', async () => {
    const res = await deposit(`capitalVnd=1&filedOn=2024-04-30`).expect(422);
    expect(res.body.detail).toMatch(/Không có bộ quy tắc/);
  });

  describe('bad input answers a 400 problem document naming each invalid field', () => {
    it.each([
      ['a decimal', 'capitalVnd=1.5', ['query.capitalVnd']],
      ['a negative', 'capitalVnd=-1', ['query.capitalVnd']],
      ['a plus sign', 'capitalVnd=%2B5', ['query.capitalVnd']],
      ['an exponent', 'capitalVnd=1e9', ['query.capitalVnd']],
      ['above Number.MAX_SAFE_INTEGER', 'capitalVnd=9007199254740992', ['query.capitalVnd']],
      ['a huge number', 'capitalVnd=99999999999999999999', ['query.capitalVnd']],
      ['thousands separators', 'capitalVnd=800.000.000.000', ['query.capitalVnd']],
      ['not a number', 'capitalVnd=abc', ['query.capitalVnd']],
      ['an empty value', 'capitalVnd=', ['query.capitalVnd']],
      ['a missing capital', 'filedOn=2026-01-01', ['query.capitalVnd']],
      ['both filedOn and ruleSetId', 'capitalVnd=1&filedOn=2026-01-01&ruleSetId=decree-303-2026', ['query.ruleSetId']],
      ['an unknown ruleSetId', 'capitalVnd=1&ruleSetId=decree-1-1999', ['query.ruleSetId']],
      ['a date that does not exist', 'capitalVnd=1&filedOn=2026-02-30', ['query.filedOn']],
      ['a bad capital and a bad date together', 'capitalVnd=-5&filedOn=2026-13-01', ['query.capitalVnd', 'query.filedOn']],
    ])('%s', async (_name, query, fields) => {
      const res = await deposit(query).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
    });
  });
});
