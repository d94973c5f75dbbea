import type { ScreeningCriterion } from '../screening/types';
import { deepFreeze } from './common';
import type { CriterionKey } from './types';

/** The file types the system can recognise from their content (domain/documents/sniff.ts). */
export type DocumentType = 'application/pdf' | 'image/png' | 'image/jpeg' | typeof DOCX | typeof XLSX;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * One component a dossier must (or may) contain. `evidences` names the screening criteria and
 * scoring criteria the appraiser and the council judge on it. Items of one `group` stand in for each
 * other: the group is satisfied when at least one of them is present (the financial evidence of
 * DOMAIN.md §3 is "at least one of" four papers).
 */
export type ChecklistItem = {
  code: string;
  label: string;
  mandatory: boolean;
  group?: { code: string; label: string };
  evidences: Array<ScreeningCriterion | CriterionKey>;
  accepts: DocumentType[];
  maxBytes: number;
};

const MB = 1024 * 1024;
const SCANS: DocumentType[] = ['application/pdf', 'image/png', 'image/jpeg'];
const FINANCIAL_EVIDENCE = { code: 'FINANCIAL_EVIDENCE', label: 'Tài liệu chứng minh năng lực tài chính (ít nhất một loại)' };

/**
 * The components of Decree 32/2024 Art. 8–12 as Long An's 11314/UBND-KTTC lists them. Decree
 * 303/2026 shortened the limits and changed who is consulted, not what a dossier contains.
 */
const DECREE_32_CHECKLIST: ChecklistItem[] = [
  {
    code: 'APPLICATION_LETTER',
    label: 'Văn bản đề nghị làm chủ đầu tư xây dựng hạ tầng kỹ thuật cụm công nghiệp',
    mandatory: true,
    evidences: [],
    accepts: ['application/pdf'],
    maxBytes: 20 * MB,
  },
  {
    code: 'INVESTMENT_REPORT',
    label: 'Báo cáo đầu tư thành lập (hoặc mở rộng) cụm công nghiệp',
    mandatory: true,
    evidences: ['infrastructurePlan'],
    accepts: ['application/pdf', DOCX],
    maxBytes: 200 * MB,
  },
  {
    code: 'LEGAL_STATUS',
    label: 'Hồ sơ pháp lý của doanh nghiệp (giấy chứng nhận đăng ký doanh nghiệp, điều lệ)',
    mandatory: true,
    evidences: ['legal-status'],
    accepts: SCANS,
    maxBytes: 20 * MB,
  },
  {
    code: 'AUDITED_STATEMENTS',
    label: 'Báo cáo tài chính đã kiểm toán của 2 năm gần nhất',
    mandatory: false,
    group: FINANCIAL_EVIDENCE,
    evidences: ['financial-evidence', 'equity'],
    accepts: ['application/pdf', XLSX],
    maxBytes: 50 * MB,
  },
  {
    code: 'PARENT_COMPANY_COMMITMENT',
    label: 'Văn bản cam kết hỗ trợ tài chính của công ty mẹ',
    mandatory: false,
    group: FINANCIAL_EVIDENCE,
    evidences: ['financial-evidence'],
    accepts: SCANS,
    maxBytes: 20 * MB,
  },
  {
    code: 'BANK_COMMITMENT',
    label: 'Văn bản cam kết cho vay của tổ chức tín dụng',
    mandatory: false,
    group: FINANCIAL_EVIDENCE,
    evidences: ['financial-evidence'],
    accepts: SCANS,
    maxBytes: 20 * MB,
  },
  {
    code: 'FINANCIAL_GUARANTEE',
    label: 'Văn bản bảo lãnh tài chính',
    mandatory: false,
    group: FINANCIAL_EVIDENCE,
    evidences: ['financial-evidence'],
    accepts: SCANS,
    maxBytes: 20 * MB,
  },
  {
    code: 'EXPERIENCE_EVIDENCE',
    label: 'Tài liệu chứng minh kinh nghiệm (bản sao có chứng thực)',
    mandatory: true,
    evidences: ['experience-evidence', 'capacityAndExperience'],
    accepts: SCANS,
    maxBytes: 50 * MB,
  },
  {
    code: 'INFRASTRUCTURE_PLAN',
    label: 'Phương án đầu tư xây dựng hạ tầng kỹ thuật',
    mandatory: true,
    evidences: ['infrastructurePlan'],
    accepts: ['application/pdf', DOCX],
    maxBytes: 200 * MB,
  },
  {
    code: 'ENVIRONMENTAL_PLAN',
    label: 'Phương án bảo vệ môi trường',
    mandatory: true,
    evidences: ['environmentalProtectionPlan'],
    accepts: ['application/pdf', DOCX],
    maxBytes: 200 * MB,
  },
  {
    code: 'FINANCIAL_PLAN',
    label: 'Phương án tài chính',
    mandatory: true,
    evidences: ['financialPlan'],
    accepts: ['application/pdf', DOCX, XLSX],
    maxBytes: 50 * MB,
  },
];

/** Checklists by rule set id: a new rule set that changes the components adds its own list here. */
const CHECKLISTS: Readonly<Record<string, readonly ChecklistItem[]>> = deepFreeze({
  'decree-32-2024': DECREE_32_CHECKLIST,
  'decree-32-2024-two-level': DECREE_32_CHECKLIST,
  'decree-303-2026': DECREE_32_CHECKLIST,
});

/** The checklist a dossier filed under `ruleSetId` is checked against, or undefined for an unknown rule set. */
export function checklistFor(ruleSetId: string): readonly ChecklistItem[] | undefined {
  return CHECKLISTS[ruleSetId];
}
