import { staffMails } from '../../../domain';
import type { DossierWorkflowInput } from '../../../workflows/dossier/api';
import { completenessCheckNotice, overdueStaffNotice } from '../../../workflows/dossier/mails';

const overdueMails = (dossier: typeof input, step: string, due: string, to: string[]) => staffMails(overdueStaffNotice(dossier, step, due), to);

const input: DossierWorkflowInput = {
  code: 'CCN-2026-0001',
  clusterCode: 'DH-LOC-GIANG-1',
  filedOn: '2026-10-05',
  ruleSetId: 'decree-303-2026',
  applicant: { name: 'Công ty CP Hạ tầng', taxCode: '0100000001', email: 'investor@example.vn' },
  projectTitle: 'Đầu tư hạ tầng kỹ thuật CCN',
  submittedBy: 'intake.officer',
};

describe("the managers' overdue mails", () => {
  const managers = ['leader@example.gov.vn', 'deputy@example.gov.vn'];

  it('are new mails when the same step is overdue again with another missed due date', () => {
    const first = overdueMails(input, 'quyết định', '2026-11-02', managers);
    const second = overdueMails(input, 'quyết định', '2026-11-20', managers);
    const keys = [...first, ...second].map((m) => m.idempotencyKey);
    expect(new Set(keys).size).toBe(4);
    for (const mail of first) expect(mail.idempotencyKey).toContain('2026-11-02');
    for (const mail of second) expect(mail.idempotencyKey).toContain('2026-11-20');
  });

  it("name the recipient's address, so a changed list of managers never skips anyone", () => {
    const mails = overdueMails(input, 'quyết định', '2026-11-02', managers);
    for (const mail of mails) expect(mail.idempotencyKey).toContain(mail.to);
    const reordered = overdueMails(input, 'quyết định', '2026-11-02', ['newcomer@example.gov.vn', ...managers]);
    const keyOf = (mails: { to: string; idempotencyKey: string }[], to: string) => mails.find((m) => m.to === to)?.idempotencyKey;
    for (const to of managers) expect(keyOf(reordered, to)).toBe(keyOf(mails, to));
    expect(keyOf(reordered, 'newcomer@example.gov.vn')).not.toBe(keyOf(mails, managers[0] as string));
  });
});

describe("a dossier's other staff notices", () => {
  it('keep the keys they always had: the place of each recipient in the list, as recorded histories sent them', () => {
    const mails = staffMails(completenessCheckNotice(input), ['a@example.gov.vn', 'b@example.gov.vn']);
    expect(mails.map((m) => [m.to, m.idempotencyKey])).toEqual([
      ['a@example.gov.vn', 'CCN-2026-0001:completeness-check:0'],
      ['b@example.gov.vn', 'CCN-2026-0001:completeness-check:1'],
    ]);
    for (const mail of mails) expect(mail).toMatchObject({ dossierCode: 'CCN-2026-0001', subject: '[CCN-2026-0001] Hồ sơ chờ kiểm tra tính đầy đủ' });
    expect(mails[0]?.text).toMatch(/^Kính gửi đồng chí,\n\nHồ sơ "Đầu tư hạ tầng kỹ thuật CCN"/);
  });
});
