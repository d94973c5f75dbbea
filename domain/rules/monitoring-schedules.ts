import { assertIsoDate, type IsoDate } from '../calendar/iso-date';
import { DomainError } from '../errors';
import type { MonitoringSchedule } from '../monitoring/types';
import { deepFreeze } from './common';

/**
 * Monitoring obligations after the establishment decision (DOMAIN.md §5), versioned like the rule
 * sets: released schedules are pinned by test/unit/domain/rules/monitoring-schedules.test.ts and a
 * change is a new version. Periods and forms follow Circular 14/2024/TT-BCT as amended by Circular
 * 38/2025/TT-BCT; the default milestone limits are provincial practice, replaced by the dates the
 * investor committed in its proposal once DOIT records them.
 */
export const CIRCULAR_14_2024_MONITORING: MonitoringSchedule = deepFreeze<MonitoringSchedule>({
  id: 'monitoring-circular-14-2024',
  name: 'Theo dõi cụm công nghiệp sau quyết định thành lập (Thông tư 14/2024/TT-BCT, sửa đổi bởi Thông tư 38/2025/TT-BCT)',
  legalBasis: [
    'Nghị định 32/2024/NĐ-CP về quản lý, phát triển cụm công nghiệp',
    'Thông tư 14/2024/TT-BCT, sửa đổi bởi Thông tư 38/2025/TT-BCT (văn bản hợp nhất 55/VBHN-BCT ngày 24/10/2025): chế độ báo cáo, cơ sở dữ liệu cụm công nghiệp',
    'Văn bản 11314/UBND-KTTC ngày 04/11/2024 của UBND tỉnh Long An',
  ],
  effectiveFrom: '2024-05-01',
  milestones: [
    { kind: 'SERVICES_RULES', name: 'Ban hành quy chế quản lý, cung cấp dịch vụ của cụm công nghiệp', limit: { amount: 5, unit: 'working-days' }, environmental: false },
    { kind: 'LAND_HANDOVER', name: 'Bồi thường, giải phóng mặt bằng và nhận bàn giao đất', limit: { amount: 180, unit: 'calendar-days' }, environmental: false },
    { kind: 'CONSTRUCTION_START', name: 'Khởi công xây dựng hạ tầng kỹ thuật', limit: { amount: 270, unit: 'calendar-days' }, environmental: false },
    { kind: 'WASTEWATER_TREATMENT', name: 'Đưa trạm xử lý nước thải tập trung vào vận hành (hạ tầng bảo vệ môi trường bắt buộc)', limit: { amount: 720, unit: 'calendar-days' }, environmental: true },
    { kind: 'TECHNICAL_INFRASTRUCTURE', name: 'Hoàn thành hạ tầng kỹ thuật cụm công nghiệp', limit: { amount: 730, unit: 'calendar-days' }, environmental: false },
  ],
  reminderWorkingDaysBefore: 5,
  reports: {
    name: 'Báo cáo định kỳ tình hình đầu tư xây dựng hạ tầng và thu hút đầu tư vào cụm công nghiệp',
    periodMonths: 6,
    due: { amount: 15, unit: 'calendar-days' },
  },
  inspections: {
    areas: [
      { area: 'LAND', name: 'đất đai' },
      { area: 'INVESTMENT', name: 'đầu tư' },
      { area: 'CONSTRUCTION', name: 'xây dựng' },
      { area: 'ENVIRONMENT', name: 'môi trường' },
      { area: 'FIRE_SAFETY', name: 'phòng cháy, chữa cháy' },
    ],
    minIntervalDays: 365,
  },
  remediation: { amount: 30, unit: 'calendar-days' },
  escalationDecision: { amount: 5, unit: 'working-days' },
  escalation: [
    { step: 'WARNING', name: 'Nhắc nhở, cảnh báo bằng văn bản', remediation: { amount: 30, unit: 'calendar-days' } },
    { step: 'PENALTY_PROPOSAL', name: 'Đề xuất xử phạt vi phạm hành chính', remediation: { amount: 60, unit: 'calendar-days' } },
    { step: 'REVOCATION_PROPOSAL', name: 'Đề xuất thu hồi quyết định thành lập hoặc thay thế chủ đầu tư', remediation: null },
  ],
  conversionPlan: {
    due: { amount: 90, unit: 'calendar-days' },
    concerns: ['môi trường', 'an ninh, trật tự', 'phòng cháy, chữa cháy', 'quyền và lợi ích hợp pháp của doanh nghiệp đang hoạt động trong cụm'],
  },
  lowOccupancyPercent: 50,
  prioritySectors: [
    { code: 'SUPPORTING_INDUSTRY', name: 'Công nghiệp hỗ trợ' },
    { code: 'ELECTRONICS', name: 'Điện tử' },
    { code: 'AGRO_PROCESSING', name: 'Chế biến nông sản' },
    { code: 'MECHANICAL_ENGINEERING', name: 'Cơ khí' },
    { code: 'SMART_ENERGY', name: 'Năng lượng thông minh' },
    { code: 'AUTOMATION', name: 'Tự động hóa' },
    { code: 'NEW_MATERIALS', name: 'Vật liệu mới' },
    { code: 'HIGH_TECH', name: 'Công nghệ cao' },
    { code: 'CLEAN_INDUSTRY', name: 'Công nghiệp sạch' },
    { code: 'ENERGY_SAVING', name: 'Tiết kiệm năng lượng' },
    { code: 'HIGH_VALUE_ADDED', name: 'Giá trị gia tăng cao' },
    { code: 'LINKED_PROJECTS', name: 'Dự án liên kết với nhau trong cụm' },
  ],
  notes: [
    'Thời hạn mặc định của các mốc (trừ quy chế dịch vụ 5 ngày làm việc) là thực tiễn của tỉnh; khi Sở Công Thương ghi nhận ngày nhà đầu tư cam kết trong hồ sơ đề xuất, mốc theo ngày cam kết.',
    'Thời hạn khắc phục, các bậc xử lý và ngưỡng tỷ lệ lấp đầy thấp (50 %, như điều kiện thành lập cụm mới của Nghị định 32/2024 Điều 8) là thực tiễn của tỉnh (provincial practice).',
  ],
});

/** Every monitoring schedule, oldest first. */
export const MONITORING_SCHEDULES: readonly MonitoringSchedule[] = Object.freeze([CIRCULAR_14_2024_MONITORING]);

export function monitoringScheduleById(id: string): MonitoringSchedule | undefined {
  return MONITORING_SCHEDULES.find((s) => s.id === id);
}

/** The schedule a cluster decided on `decidedOn` keeps for its whole monitoring. */
export function monitoringScheduleInForce(decidedOn: IsoDate): MonitoringSchedule {
  assertIsoDate(decidedOn, 'decidedOn');
  const inForce = [...MONITORING_SCHEDULES].filter((s) => s.effectiveFrom <= decidedOn).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
  if (!inForce) throw new DomainError('NO_RULE_SET_IN_FORCE', `Không có lịch theo dõi cụm công nghiệp cho quyết định ngày ${decidedOn}.`);
  return inForce;
}
