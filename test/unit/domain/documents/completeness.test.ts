import { checklistFor, checklistStatus, decideCompleteness, decideSupplementRequest, requestLine, type VersionFacts } from '../../../../domain';

const items = checklistFor('decree-303-2026') ?? [];
const v = (itemCode: string, extra: Partial<VersionFacts> = {}): VersionFacts => ({ itemCode, version: 1, type: 'application/pdf', sizeBytes: 1000, corrupt: false, ...extra });
const everything = [...items.filter((i) => i.mandatory).map((i) => v(i.code)), v('BANK_COMMITMENT')];

describe('the completeness check, item by item', () => {
  test('a dossier with every mandatory item and one financial paper, and no finding, is complete', () => {
    expect(decideCompleteness(items, checklistStatus(items, everything), { complete: true, findings: [] })).toEqual({ ok: true, complete: true });
  });

  test('"complete" is refused while the checklist lacks items, naming each with its reason', () => {
    const versions = everything.filter((x) => x.itemCode !== 'FINANCIAL_PLAN').concat(v('LEGAL_STATUS', { version: 2, corrupt: true }));
    const decision = decideCompleteness(items, checklistStatus(items, versions), { complete: true, findings: [] });
    expect(decision).toMatchObject({ ok: false, reason: 'ChecklistIncomplete' });
    if (decision.ok) throw new Error('unreachable');
    expect(decision.items?.map((i) => [i.code, i.kind])).toEqual([
      ['LEGAL_STATUS', 'defective'],
      ['FINANCIAL_PLAN', 'missing'],
    ]);
    expect(decision.message).toContain('Phương án tài chính (FINANCIAL_PLAN): Chưa nộp.');
    expect(decision.message).toContain('sai mã sha256');
  });

  test('"not complete" asks for every checklist problem plus the officer’s findings, one entry per item', () => {
    const versions = everything.filter((x) => !['APPLICATION_LETTER', 'BANK_COMMITMENT'].includes(x.itemCode));
    const decision = decideCompleteness(items, checklistStatus(items, versions), {
      complete: false,
      findings: [
        { item: 'LEGAL_STATUS', reason: 'Giấy chứng nhận đăng ký doanh nghiệp đã hết hiệu lực.' },
        { item: 'APPLICATION_LETTER', reason: 'Cần bản có chữ ký và dấu.' },
      ],
    });
    if (!decision.ok || decision.complete) throw new Error(`expected a request, got ${JSON.stringify(decision)}`);
    expect(decision.items.map((i) => [i.code, i.kind])).toEqual([
      ['APPLICATION_LETTER', 'missing'],
      ['FINANCIAL_EVIDENCE', 'missing'],
      ['LEGAL_STATUS', 'defective'],
    ]);
    expect(decision.items[0]?.reason).toBe('Chưa nộp. Cần bản có chữ ký và dấu.');
    expect(requestLine(decision.items[2] as (typeof decision.items)[number])).toBe(
      'Hồ sơ pháp lý của doanh nghiệp (giấy chứng nhận đăng ký doanh nghiệp, điều lệ) (LEGAL_STATUS): Giấy chứng nhận đăng ký doanh nghiệp đã hết hiệu lực.',
    );
  });

  test('"not complete" with nothing missing and no finding, a finding on an unknown item, or "complete" with a finding are refused', () => {
    const status = checklistStatus(items, everything);
    expect(decideCompleteness(items, status, { complete: false, findings: [] })).toMatchObject({ ok: false, reason: 'MissingList' });
    const unknown = decideCompleteness(items, status, { complete: false, findings: [{ item: 'MAP', reason: 'x' }] });
    expect(unknown).toMatchObject({ ok: false, reason: 'UnknownItem' });
    expect(unknown.ok ? '' : unknown.message).toContain('FINANCIAL_PLAN');
    expect(decideCompleteness(items, status, { complete: true, findings: [{ item: 'FINANCIAL_PLAN', reason: 'Thiếu bảng dòng tiền.' }] })).toMatchObject({
      ok: false,
      reason: 'ChecklistIncomplete',
    });
  });

  test('a supplement asked for during the appraisal names exactly the items given', () => {
    const status = checklistStatus(items, everything);
    const decision = decideSupplementRequest(items, status, [
      { item: 'PARENT_COMPANY_COMMITMENT', reason: 'Cần cam kết của công ty mẹ cho phần vốn vay.' },
      { item: 'FINANCIAL_PLAN', reason: 'Thiếu bảng dòng tiền.' },
    ]);
    expect(decision).toEqual({
      ok: true,
      complete: false,
      items: [
        { code: 'PARENT_COMPANY_COMMITMENT', label: expect.any(String), kind: 'missing', reason: 'Cần cam kết của công ty mẹ cho phần vốn vay.' },
        { code: 'FINANCIAL_PLAN', label: 'Phương án tài chính', kind: 'defective', reason: 'Thiếu bảng dòng tiền.' },
      ],
    });
    expect(decideSupplementRequest(items, status, [])).toMatchObject({ ok: false, reason: 'MissingList' });
  });
});
