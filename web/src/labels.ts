/**
 * Vietnamese words for the API's codes (roles, stages, statuses, task kinds), in one place so every
 * screen names a thing the same way. The code types come from the generated API types: a new
 * stage in the API is a type error here until it has its name.
 */
import type { components } from './api/openapi';

type Schemas = components['schemas'];
export type Role = Schemas['AuthUser']['roles'][number];
export type InboxItem = Schemas['InboxItem'];
export type TaskKind = InboxItem['kind'];
export type DossierStage = Schemas['PublicDossier']['stage'];
export type DossierStatus = Schemas['PublicDossier']['status'];
/** A round's status (inbox items of a round carry it as their stage); COMPILATION and DECISION are words of both. */
export type RoundStatus = Exclude<InboxItem['stage'], DossierStage> | 'COMPILATION' | 'DECISION';

export const ROLE_LABELS: Record<Role, string> = {
  INTAKE_OFFICER: 'Cán bộ tiếp nhận',
  REVIEWER: 'Cán bộ góp ý',
  APPRAISER: 'Cán bộ thẩm định',
  COUNCIL_MEMBER: 'Thành viên hội đồng',
  MANAGER: 'Lãnh đạo',
  ADMIN: 'Quản trị viên',
};

export const STAGE_LABELS: Record<DossierStage, string> = {
  APPLICATION: 'Nộp hồ sơ',
  PUBLIC_CALL: 'Thông báo mời nộp hồ sơ',
  COMPILATION: 'Tổng hợp hồ sơ',
  COMPLETENESS_CHECK: 'Kiểm tra tính đầy đủ',
  SUPPLEMENT_REQUESTED: 'Chờ bổ sung hồ sơ',
  DEPARTMENT_OPINIONS: 'Lấy ý kiến các sở, ngành',
  SCREENING: 'Đánh giá điều kiện',
  SCORING: 'Hội đồng chấm điểm',
  APPRAISAL_REPORT: 'Báo cáo thẩm định',
  DECISION: 'Quyết định',
  MONITORING: 'Theo dõi sau quyết định',
  CLOSED: 'Đã kết thúc',
};

export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = {
  CALL_PENDING: 'Chờ thông báo mời nộp hồ sơ',
  WINDOW_OPEN: 'Đang nhận hồ sơ',
  COMPILATION: 'Tổng hợp, chuyển hồ sơ',
  APPRAISAL: 'Đang thẩm định',
  REPORT: 'Lập báo cáo thẩm định',
  DECISION: 'Chờ quyết định',
  DECIDED: 'Đã quyết định',
  NO_INVESTOR: 'Không chọn được nhà đầu tư',
  CANCELLED: 'Đã huỷ',
};

export const STATUS_LABELS: Record<DossierStatus, string> = {
  ACTIVE: 'Đang xử lý',
  ON_HOLD: 'Tạm dừng (chờ bổ sung)',
  APPROVED: 'Được chấp thuận',
  REJECTED: 'Không được chấp thuận',
  RETURNED: 'Trả lại để hoàn thiện',
  REFUSED: 'Bị từ chối',
  WITHDRAWN: 'Đã rút hồ sơ',
};

export const TASK_KIND_LABELS: Record<TaskKind, string> = {
  CALL_ANNOUNCEMENT: 'Thông báo mời nộp hồ sơ',
  DOSSIER_SUBMISSION: 'Chuyển hồ sơ đến Sở Công Thương',
  CATALOGUE_FIX: 'Sửa danh mục sở, ngành',
  COMPLETENESS_CHECK: 'Kiểm tra tính đầy đủ',
  SUPPLEMENT_REVIEW: 'Xem hồ sơ bổ sung',
  DEPARTMENT_OPINION: 'Cho ý kiến',
  ELIGIBILITY_SCREENING: 'Đánh giá điều kiện',
  COUNCIL_SCORING: 'Chấm điểm',
  APPRAISAL_REPORT: 'Lập báo cáo thẩm định',
  DECISION: 'Ra quyết định',
  MONITORING_MILESTONE: 'Theo dõi mốc tiến độ',
  PERIODIC_REPORT: 'Báo cáo định kỳ',
  REMEDIATION: 'Khắc phục vi phạm',
  ESCALATION_DECISION: 'Quyết định xử lý vi phạm',
  CONVERSION_PLAN: 'Phương án chuyển đổi',
};

/** A stage code of a dossier or of a round (inbox items carry either), in Vietnamese. */
export function stageLabel(stage: DossierStage | RoundStatus, isRound: boolean): string {
  if (isRound) return ROUND_STATUS_LABELS[stage as RoundStatus] ?? stage;
  return STAGE_LABELS[stage as DossierStage] ?? stage;
}
