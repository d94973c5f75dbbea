import { DECREE_31_DEPOSIT_BRACKETS, DECREE_32_CRITERIA, DECREE_32_PASS_MARK, LAND_LAW_2024_EQUITY, deepFreeze } from './common';
import type { RuleSet } from './types';

/** Decree 32/2024 as applied in Long An from 01/5/2024, with district-level government (DOMAIN.md §2). */
export const DECREE_32_2024: RuleSet = deepFreeze<RuleSet>({
  id: 'decree-32-2024',
  name: 'Nghị định 32/2024/NĐ-CP (Decree 32/2024)',
  legalBasis: [
    'Nghị định 32/2024/NĐ-CP về quản lý, phát triển cụm công nghiệp, Điều 8–13',
    'Văn bản 11314/UBND-KTTC ngày 04/11/2024 của UBND tỉnh Long An',
    'Luật Đất đai 2024, Điều 122 khoản 3 (vốn chủ sở hữu)',
    'Nghị định 31/2021/NĐ-CP, Điều 26 (ký quỹ)',
    'Bộ luật Dân sự 2015, Điều 147–148 (cách tính thời hạn)',
  ],
  effectiveFrom: '2024-05-01',
  limits: {
    callAnnouncement: { amount: 5, unit: 'working-days' },
    applicationWindow: { amount: 15, unit: 'calendar-days' },
    dossierSubmission: { amount: 5, unit: 'working-days' },
    departmentOpinion: { amount: 10, unit: 'working-days' },
    appraisal: { amount: 25, unit: 'calendar-days' },
    decision: { amount: 7, unit: 'working-days' },
  },
  consultedDepartments: ['DPI', 'DONRE', 'DOC', 'DOF', 'DARD', 'POLICE', 'DISTRICT_PC'],
  silenceMeansConsent: true,
  council: {
    chair: 'PROVINCIAL_PC',
    viceChairs: ['DOIT', 'DPI'],
    secretary: 'DOIT',
    votingMembers: ['PROVINCIAL_PC', 'DOIT', 'DPI', 'DONRE', 'DOC', 'DOF', 'DARD', 'POLICE', 'DISTRICT_PC'],
  },
  scoring: { criteria: DECREE_32_CRITERIA, passMark: DECREE_32_PASS_MARK, tieBreak: 'chair-proposal' },
  equityThresholds: LAND_LAW_2024_EQUITY,
  depositBrackets: DECREE_31_DEPOSIT_BRACKETS,
  callAuthority: 'district-pc',
  notes: [
    'Thời hạn cho ý kiến 10 ngày làm việc và "không trả lời coi như đồng ý" là thực tiễn của tỉnh, không phải quy định của Nghị định (provincial practice).',
    'Hòa điểm: Chủ tịch Hội đồng đề xuất (Nghị định 32/2024).',
  ],
});
