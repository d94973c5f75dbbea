import { RULE_SETS, checklistFor, checklistStatus, type VersionFacts } from '../../../../domain';

const PDF = 'application/pdf';
const items = checklistFor('decree-32-2024') ?? [];
const mandatoryCodes = items.filter((i) => i.mandatory).map((i) => i.code);
const v = (itemCode: string, extra: Partial<VersionFacts> = {}): VersionFacts => ({ itemCode, version: 1, type: PDF, sizeBytes: 1000, corrupt: false, ...extra });

describe('checklists are rule-set data', () => {
  test.each(RULE_SETS.map((r) => r.id))('rule set %s has a checklist with unique codes, each accepting a type and a size', (id) => {
    const list = checklistFor(id) ?? [];
    expect(list.length).toBeGreaterThan(5);
    expect(new Set(list.map((i) => i.code)).size).toBe(list.length);
    for (const item of list) {
      expect(item.accepts.length).toBeGreaterThan(0);
      expect(item.maxBytes).toBeGreaterThan(0);
    }
  });

  test('an unknown rule set has no checklist', () => {
    expect(checklistFor('decree-0')).toBeUndefined();
  });

  test('each scored criterion and each document-based screening criterion is evidenced by some item', () => {
    const evidenced = new Set(items.flatMap((i) => i.evidences));
    for (const key of ['infrastructurePlan', 'environmentalProtectionPlan', 'capacityAndExperience', 'financialPlan', 'legal-status', 'financial-evidence', 'experience-evidence']) {
      expect(evidenced).toContain(key);
    }
  });
});

describe('checklistStatus', () => {
  test('nothing uploaded: every mandatory item and the financial-evidence group are missing', () => {
    const status = checklistStatus(items, []);
    expect(status.complete).toBe(false);
    expect(status.problems.map((p) => p.code)).toEqual([...mandatoryCodes.slice(0, 3), 'FINANCIAL_EVIDENCE', ...mandatoryCodes.slice(3)]);
    expect(status.problems.every((p) => p.kind === 'missing')).toBe(true);
    expect(status.items.every((i) => i.state === 'missing')).toBe(true);
  });

  test('all mandatory items and one financial paper make the dossier complete; the other optional papers stay missing without being problems', () => {
    const status = checklistStatus(items, [...mandatoryCodes.map((c) => v(c)), v('BANK_COMMITMENT')]);
    expect(status).toMatchObject({ complete: true, problems: [] });
    expect(status.items.find((i) => i.code === 'AUDITED_STATEMENTS')?.state).toBe('missing');
    expect(status.items.find((i) => i.code === 'BANK_COMMITMENT')?.state).toBe('present');
  });

  test('the latest version decides: a corrupt new version makes the item defective even though an older one was fine, and a good newer one heals it', () => {
    const base = [...mandatoryCodes.map((c) => v(c)), v('BANK_COMMITMENT')];
    const broken = checklistStatus(items, [...base, v('FINANCIAL_PLAN', { version: 2, corrupt: true })]);
    expect(broken.complete).toBe(false);
    expect(broken.problems).toEqual([expect.objectContaining({ code: 'FINANCIAL_PLAN', kind: 'defective', reason: expect.stringContaining('Bản 2 bị hỏng') })]);
    expect(broken.items.find((i) => i.code === 'FINANCIAL_PLAN')).toMatchObject({ state: 'defective', version: 2 });

    const healed = checklistStatus(items, [...base, v('FINANCIAL_PLAN', { version: 2, corrupt: true }), v('FINANCIAL_PLAN', { version: 3 })]);
    expect(healed.complete).toBe(true);
  });

  test('a wrong type, an empty file and an oversized file are each a named defect', () => {
    const status = checklistStatus(items, [
      v('APPLICATION_LETTER', { type: 'image/png' }),
      v('LEGAL_STATUS', { sizeBytes: 0 }),
      v('EXPERIENCE_EVIDENCE', { sizeBytes: 51 * 1024 * 1024 }),
    ]);
    const reason = (code: string) => status.problems.find((p) => p.code === code)?.reason;
    expect(reason('APPLICATION_LETTER')).toBe('Bản 1 là tệp PNG; thành phần này chỉ nhận PDF.');
    expect(reason('LEGAL_STATUS')).toBe('Bản 1 là tệp rỗng.');
    expect(reason('EXPERIENCE_EVIDENCE')).toBe('Bản 1 lớn hơn giới hạn 50 MB.');
  });

  test('a defective financial paper does not satisfy its group', () => {
    const status = checklistStatus(items, [...mandatoryCodes.map((c) => v(c)), v('BANK_COMMITMENT', { corrupt: true })]);
    expect(status.problems.map((p) => p.code)).toEqual(['FINANCIAL_EVIDENCE', 'BANK_COMMITMENT']);
  });
});
