import { DECREE_31_DEPOSIT_BRACKETS, DECREE_32_CRITERIA, DECREE_32_PASS_MARK, LAND_LAW_2024_EQUITY, deepFreeze } from './common';
import type { RuleSet } from './types';

/**
 * Decree 32/2024 under two-level local government, from 01/7/2025: the commune PC replaces the
 * district PC; DPI merged into the Department of Finance (DOF); Natural Resources and Environment
 * merged with Agriculture into the Department of Agriculture and Environment (DAE); Long An becomes
 * part of Tây Ninh province. Time limits are unchanged.
 */
export const DECREE_32_2024_TWO_LEVEL: RuleSet = deepFreeze<RuleSet>({
  id: 'decree-32-2024-two-level',
  name: 'Nghị định 32/2024/NĐ-CP, chính quyền địa phương hai cấp (Decree 32/2024, two-level government)',
  legalBasis: [
    'Nghị định 32/2024/NĐ-CP về quản lý, phát triển cụm công nghiệp, Điều 8–13',
    'Luật Tổ chức chính quyền địa phương 2025 (chính quyền địa phương hai cấp từ 01/7/2025)',
    'Sắp xếp đơn vị hành chính cấp tỉnh 2025: tỉnh Long An hợp nhất vào tỉnh Tây Ninh',
    'Luật Đất đai 2024, Điều 122 khoản 3 (vốn chủ sở hữu)',
    'Nghị định 31/2021/NĐ-CP, Điều 26 (ký quỹ)',
    'Bộ luật Dân sự 2015, Điều 147–148 (cách tính thời hạn)',
  ],
  effectiveFrom: '2025-07-01',
  limits: {
    callAnnouncement: { amount: 5, unit: 'working-days' },
    applicationWindow: { amount: 15, unit: 'calendar-days' },
    dossierSubmission: { amount: 5, unit: 'working-days' },
    departmentOpinion: { amount: 10, unit: 'working-days' },
    appraisal: { amount: 25, unit: 'calendar-days' },
    decision: { amount: 7, unit: 'working-days' },
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
    'Hòa điểm: so điểm phương án tài chính, rồi năng lực kinh nghiệm, rồi Chủ tịch Hội đồng đề xuất; đây là thực tiễn của tỉnh, Nghị định 32/2024 chỉ quy định Chủ tịch đề xuất (provincial practice).',
  ],
});
