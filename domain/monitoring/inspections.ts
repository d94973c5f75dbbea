import { compareDates, daysBetween, formatDateVi, type IsoDate } from '../calendar/iso-date';
import type { InspectionArea, InspectionKind, MonitoringSchedule } from './types';

export interface InspectionRequest {
  area: InspectionArea;
  /** The enterprise inspected, or absent for the cluster's investor itself. */
  tenant?: string;
  kind: InspectionKind;
  /** Required for an ad-hoc inspection: the suspected violation. */
  reason?: string;
  on: IsoDate;
}

/** One inspected subject: an area of law for the investor or for one tenant. */
export const inspectionSubject = (area: InspectionArea, tenant?: string) => `${area}:${tenant?.trim().toLocaleLowerCase('vi') || '*'}`;

export type InspectionCheck = { allowed: true } | { allowed: false; code: 'TooSoon' | 'NoReason' | 'BeforeLast'; reason: string };

/**
 * DOMAIN.md §5: at most one scheduled inspection a year per subject; inside that year only an
 * ad-hoc inspection, when a violation is suspected, with its reason. `last` maps each subject to
 * its latest inspection date.
 */
export function checkInspection(schedule: Pick<MonitoringSchedule, 'inspections'>, last: Readonly<Record<string, IsoDate>>, request: InspectionRequest): InspectionCheck {
  if (request.kind === 'AD_HOC' && !request.reason?.trim()) {
    return { allowed: false, code: 'NoReason', reason: 'Kiểm tra đột xuất phải nêu dấu hiệu vi phạm nghi vấn (lý do).' };
  }
  const previous = last[inspectionSubject(request.area, request.tenant)];
  if (!previous) return { allowed: true };
  if (compareDates(request.on, previous) < 0) {
    return { allowed: false, code: 'BeforeLast', reason: `Ngày kiểm tra ${formatDateVi(request.on)} trước lần kiểm tra gần nhất cùng nội dung (${formatDateVi(previous)}).` };
  }
  if (request.kind === 'SCHEDULED' && daysBetween(previous, request.on) < schedule.inspections.minIntervalDays) {
    return {
      allowed: false,
      code: 'TooSoon',
      reason: `Đã kiểm tra theo kế hoạch nội dung này ngày ${formatDateVi(previous)}: mỗi năm chỉ kiểm tra một lần, trừ khi có dấu hiệu vi phạm (kiểm tra đột xuất, nêu lý do).`,
    };
  }
  return { allowed: true };
}
