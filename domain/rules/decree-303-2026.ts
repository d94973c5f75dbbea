import { DECREE_31_DEPOSIT_BRACKETS, DECREE_32_CRITERIA, DECREE_32_PASS_MARK, LAND_LAW_2024_EQUITY, deepFreeze } from './common';
import type { RuleSet } from './types';

/**
 * Decree 32/2024 as amended by Decree 303/2026, for dossiers filed from 15/9/2026: shorter limits,
 * all in working days (call 2 WD, window 5 WD, submission 5 WD, DOIT appraisal 20 WD, decision 5 WD);
 * Finance vice-chairs the council; same 15/15/30/40 scoring and 50-point threshold (DOMAIN.md §6).
 */
export const DECREE_303_2026: RuleSet = deepFreeze<RuleSet>({
  id: 'decree-303-2026',
  name: 'Nghị định 32/2024/NĐ-CP sửa đổi bởi Nghị định 303/2026/NĐ-CP (Decree 32/2024 as amended by Decree 303/2026)',
  legalBasis: [
    'Nghị định 32/2024/NĐ-CP về quản lý, phát triển cụm công nghiệp',
    'Nghị định 303/2026/NĐ-CP sửa đổi, bổ sung Nghị định 32/2024/NĐ-CP',
    'Luật Đất đai 2024, Điều 122 khoản 3 (vốn chủ sở hữu)',
    'Nghị định 31/2021/NĐ-CP, Điều 26 (ký quỹ)',
    'Bộ luật Dân sự 2015, Điều 147–148 (cách tính thời hạn)',
  ],
  effectiveFrom: '2026-09-15',
  limits: {
    callAnnouncement: { amount: 2, unit: 'working-days' },
    applicationWindow: { amount: 5, unit: 'working-days' },
    dossierSubmission: { amount: 5, unit: 'working-days' },
    departmentOpinion: { amount: 10, unit: 'working-days' },
    appraisal: { amount: 20, unit: 'working-days' },
    decision: { amount: 5, unit: 'working-days' },
  },
  consultedDepartments: ['DOF', 'DAE', 'DOC', 'POLICE', 'COMMUNE_PC'],
  silenceMeansConsent: true,
  council: {
    chair: 'PROVINCIAL_PC',
    viceChairs: ['DOIT', 'DOF'],
    secretary: 'DOIT',
    votingMembers: ['PROVINCIAL_PC', 'DOIT', 'DOF', 'DAE', 'DOC', 'POLICE', 'COMMUNE_PC'],
  },
  scoring: { criteria: DECREE_32_CRITERIA, passMark: DECREE_32_PASS_MARK, tieBreak: 'financial-plan-then-capacity-then-chair' },
  equityThresholds: LAND_LAW_2024_EQUITY,
  depositBrackets: DECREE_31_DEPOSIT_BRACKETS,
  callAuthority: 'commune-pc',
  notes: [
    'Thời hạn cho ý kiến 10 ngày làm việc và "không trả lời coi như đồng ý" là thực tiễn của tỉnh (provincial practice).',
    'Hòa điểm: so điểm phương án tài chính, rồi năng lực kinh nghiệm, rồi Chủ tịch Hội đồng đề xuất (provincial practice).',
  ],
});
