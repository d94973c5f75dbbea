/**
 * Vietnamese words of the dossier and round pages: what the timeline's audit actions, the deadlines,
 * the criteria and the verdicts are called. The API sends codes; a person reads these.
 */
export const TIMELINE_ACTIONS: Record<string, string> = {
  'dossier.filed': 'Tiếp nhận văn bản đề nghị',
  'dossier.refused-late': 'Từ chối: nộp sau thời hạn nhận hồ sơ',
  'dossier.sent-for-appraisal': 'Hồ sơ được chuyển đến Sở Công Thương',
  'dossier.complete': 'Hồ sơ đầy đủ',
  'dossier.supplement-requested': 'Yêu cầu bổ sung hồ sơ',
  'dossier.supplement-received': 'Nhận hồ sơ bổ sung',
  'dossier.withdrawn': 'Nhà đầu tư rút hồ sơ',
  'dossier.overdue-notice': 'Thông báo quá hạn',
  'dossier.round-approved': 'UBND tỉnh chấp thuận nhà đầu tư',
  'dossier.round-rejected': 'UBND tỉnh không chấp thuận',
  'dossier.round-not-selected': 'Không được lựa chọn (nhà đầu tư khác được chấp thuận)',
  'opinion.given': 'Sở, ngành cho ý kiến',
  'opinion.deemed': 'Coi như đồng ý (hết hạn không có ý kiến)',
  'opinions.collected': 'Đã đủ ý kiến các sở, ngành',
  'screening.passed': 'Đạt điều kiện',
  'screening.failed': 'Không đạt điều kiện',
  'score.submitted': 'Thành viên hội đồng chấm điểm',
  'scoring.closed': 'Kết thúc chấm điểm',
  'task.opened': 'Giao việc',
  'task.done': 'Hoàn thành việc',
  'task.cancelled': 'Huỷ việc',
  'task.reminded': 'Nhắc hạn',
  'task.deadline-changed': 'Hạn xử lý thay đổi',
  'deadline.changed': 'Thời hạn thay đổi',
  'document.uploaded': 'Tải lên tài liệu',
  'document.downloaded': 'Tải xuống tài liệu',
  'document.integrity-failed': 'Tài liệu bị hỏng (sai mã kiểm tra)',
  'round.opened': 'Mở đợt lựa chọn',
  'round.call-pending': 'Chờ thông báo mời nộp hồ sơ',
  'round.call-announced': 'Thông báo mời nộp hồ sơ',
  'round.window-closed': 'Hết thời hạn nhận hồ sơ',
  'round.dossiers-submitted': 'Chuyển hồ sơ đến Sở Công Thương',
  'round.report-pending': 'Chờ báo cáo thẩm định',
  'round.report-submitted': 'Trình báo cáo thẩm định',
  'round.decision-approve': 'UBND tỉnh chấp thuận nhà đầu tư',
  'round.decision-reject': 'UBND tỉnh không chấp thuận',
  'round.decision-return': 'Trả lại để hoàn thiện báo cáo',
  'round.closed-without-investor': 'Kết thúc đợt, không chọn được nhà đầu tư',
  'decision.recorded': 'Quyết định của UBND tỉnh',
  'monitoring.started': 'Bắt đầu theo dõi sau quyết định',
  'monitoring.opened': 'Mở hồ sơ theo dõi cụm công nghiệp',
  'monitoring.commitments-recorded': 'Ghi nhận ngày cam kết của nhà đầu tư',
  'monitoring.milestone-recorded': 'Ghi nhận mốc tiến độ đã đạt',
  'monitoring.report-due': 'Đến kỳ báo cáo định kỳ',
  'monitoring.report-recorded': 'Ghi nhận báo cáo định kỳ',
  'monitoring.overdue': 'Quá hạn, đã báo lãnh đạo',
  'monitoring.inspection-recorded': 'Ghi nhận kết quả kiểm tra',
  'monitoring.violation-remedied': 'Vi phạm đã được khắc phục',
  'monitoring.escalation-escalate': 'Lãnh đạo quyết định bước xử lý tiếp theo',
  'monitoring.escalation-extend': 'Lãnh đạo gia hạn khắc phục',
  'monitoring.withdrawn-from-plan': 'Đưa cụm ra khỏi quy hoạch',
  'monitoring.conversion-plan-recorded': 'Ghi nhận phương án chuyển đổi, quản lý',
  'monitoring.deadlines-recounted': 'Tính lại hạn theo lịch làm việc mới',
  'inspection.recorded': 'Lưu biên bản kiểm tra',
  'violation.opened': 'Mở yêu cầu khắc phục vi phạm',
  'violation.remedied': 'Đóng vi phạm đã khắc phục',
  'escalation.escalate': 'Ghi bước xử lý vi phạm',
  'escalation.extend': 'Ghi gia hạn khắc phục vi phạm',
};

/** Server texts (calendar reasons, criteria names) carry an English gloss in parentheses for the API's readers; people read the Vietnamese. */
export function withoutEnglishGloss(text: string): string {
  return text.replace(/\s*\([\x20-\x7e]*\)\s*$/, '');
}

export function timelineAction(action: string): string {
  return TIMELINE_ACTIONS[action] ?? action;
}

export const DEADLINE_NAMES: Record<string, string> = {
  appraisal: 'Thẩm định (Sở Công Thương)',
  departmentOpinion: 'Ý kiến các sở, ngành',
  departmentOpinionRevised: 'Ý kiến các sở, ngành (sau bổ sung)',
  callAnnouncement: 'Thông báo mời nộp hồ sơ',
  applicationWindow: 'Thời hạn nhận hồ sơ',
  dossierSubmission: 'Chuyển hồ sơ đến Sở Công Thương',
  report: 'Báo cáo thẩm định',
  decision: 'Quyết định của UBND tỉnh',
};

export const UNIT_WORDS: Record<string, string> = {
  'working-days': 'ngày làm việc',
  'calendar-days': 'ngày',
};

export const VERDICT_LABELS: Record<string, string> = {
  AGREE: 'Đồng ý',
  AGREE_WITH_CONDITIONS: 'Đồng ý có điều kiện',
  OBJECT: 'Không đồng ý',
  DEEMED_CONSENT: 'Coi như đồng ý',
};

export const SCREENING_CRITERIA: Record<string, string> = {
  'legal-status': 'Tư cách pháp lý',
  equity: 'Vốn chủ sở hữu',
  'land-law-compliance': 'Chấp hành pháp luật đất đai',
  'financial-evidence': 'Chứng minh năng lực tài chính',
  'experience-evidence': 'Chứng minh kinh nghiệm',
};

export const TASK_STATUS_LABELS: Record<string, string> = {
  OPEN: 'Đang chờ',
  DONE: 'Đã xong',
  DEEMED: 'Coi như đồng ý',
  CANCELLED: 'Đã huỷ',
};

export const DOCUMENT_STATES: Record<string, { label: string; color: string }> = {
  present: { label: 'Đã có', color: 'teal' },
  missing: { label: 'Còn thiếu', color: 'orange' },
  defective: { label: 'Có sai sót', color: 'red' },
};
