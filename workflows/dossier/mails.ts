import { formatDateVi, type MailRequest, type StaffNotice } from '../../domain';
import type { DossierWorkflowInput } from './api';

export function acknowledgementMail(input: DossierWorkflowInput): MailRequest {
  return {
    idempotencyKey: `${input.code}:acknowledgement`,
    dossierCode: input.code,
    to: input.applicant.email,
    subject: `[${input.code}] Xác nhận tiếp nhận hồ sơ đề xuất chủ đầu tư hạ tầng CCN`,
    text: [
      `Kính gửi ${input.applicant.name},`,
      '',
      `Hệ thống đã tiếp nhận hồ sơ "${input.projectTitle}" cho cụm công nghiệp ${input.clusterCode} ngày ${input.filedOn}.`,
      `Mã hồ sơ: ${input.code}. Dùng mã này để tra cứu tình trạng hồ sơ.`,
      '',
      'Cán bộ tiếp nhận sẽ kiểm tra tính đầy đủ của hồ sơ và thông báo nếu cần bổ sung.',
      '',
      '(Acknowledgement of receipt of your investor proposal. Keep the dossier code to look up its status.)',
    ].join('\n'),
  };
}

/** The closing lines of every mail the system sends. */
export const footer = ['', 'Thư này được gửi tự động từ hệ thống thẩm định chủ đầu tư hạ tầng cụm công nghiệp. Vui lòng không trả lời thư này.'];

function toApplicant(input: DossierWorkflowInput, purpose: string, subject: string, lines: string[]): MailRequest {
  return {
    idempotencyKey: `${input.code}:${purpose}`,
    dossierCode: input.code,
    to: input.applicant.email,
    subject: `[${input.code}] ${subject}`,
    text: [`Kính gửi ${input.applicant.name},`, '', ...lines, ...footer].join('\n'),
  };
}

/** `round` makes each request of a dossier its own mail (a dossier may be asked several times). */
export function supplementRequestMail(input: DossierWorkflowInput, round: number, missing: string[], requestedOn: string): MailRequest {
  return toApplicant(input, `supplement-request:${round}`, 'Yêu cầu bổ sung hồ sơ', [
    `Ngày ${requestedOn}, cơ quan tiếp nhận đề nghị bổ sung hồ sơ "${input.projectTitle}" các tài liệu sau:`,
    ...missing.map((m) => `  - ${m}`),
    '',
    'Thời hạn thẩm định tạm dừng từ ngày yêu cầu bổ sung cho đến khi nhận đủ tài liệu bổ sung.',
  ]);
}

export function screeningRejectedMail(input: DossierWorkflowInput, failures: { reason: string }[]): MailRequest {
  return toApplicant(input, 'screening-rejected', 'Kết quả sơ tuyển: hồ sơ không đáp ứng điều kiện', [
    `Hồ sơ "${input.projectTitle}" không đáp ứng các điều kiện sơ tuyển sau nên không được chấm điểm:`,
    ...failures.map((f) => `  - ${f.reason}`),
  ]);
}

const RESULT_TEXT = {
  APPROVED: 'UBND tỉnh chấp thuận, lựa chọn quý doanh nghiệp làm chủ đầu tư hạ tầng kỹ thuật cụm công nghiệp',
  NOT_SELECTED: 'UBND tỉnh đã lựa chọn nhà đầu tư khác trong đợt lựa chọn này',
  REJECTED: 'UBND tỉnh không chấp thuận hồ sơ đề xuất',
} as const;

/** The round's result as this applicant is told it: once per dossier (a round decides once). */
export function roundResultMail(input: DossierWorkflowInput, outcome: keyof typeof RESULT_TEXT, reason: string): MailRequest {
  return toApplicant(input, 'round-result', 'Thông báo kết quả lựa chọn chủ đầu tư hạ tầng', [
    `Về hồ sơ "${input.projectTitle}" (cụm công nghiệp ${input.clusterCode}): ${RESULT_TEXT[outcome]}.`,
    reason ? `Lý do: ${reason}` : '',
  ]);
}

export function withdrawnMail(input: DossierWorkflowInput): MailRequest {
  return toApplicant(input, 'withdrawn', 'Xác nhận rút hồ sơ', [`Hệ thống đã ghi nhận việc rút hồ sơ "${input.projectTitle}". Hồ sơ đã được đóng.`]);
}

/** A dossier's staff notices name each mail's recipient by its place in the list, as they always have. */
function toStaff(input: DossierWorkflowInput, purpose: string, subject: string, lines: string[], keyedBy: StaffNotice['keyedBy'] = 'index'): StaffNotice {
  return {
    key: `${input.code}:${purpose}`,
    keyedBy,
    dossierCode: input.code,
    subject: `[${input.code}] ${subject}`,
    text: ['Kính gửi đồng chí,', '', ...lines, ...footer].join('\n'),
  };
}

export function opinionRequestNotice(input: DossierWorkflowInput, departmentCode: string, due: string): StaffNotice {
  return toStaff(input, `opinion-request:${departmentCode}`, 'Đề nghị cho ý kiến về hồ sơ đề xuất chủ đầu tư hạ tầng CCN', [
    `Đề nghị ${departmentCode} cho ý kiến về hồ sơ "${input.projectTitle}" (cụm công nghiệp ${input.clusterCode}).`,
    `Hạn cho ý kiến: ${due}. Quá hạn mà không có ý kiến thì được coi là đồng ý.`,
  ]);
}

export function opinionReminderNotice(input: DossierWorkflowInput, departmentCode: string, due: string): StaffNotice {
  return toStaff(input, `opinion-reminder:${departmentCode}`, 'Nhắc hạn cho ý kiến', [
    `${departmentCode} chưa cho ý kiến về hồ sơ "${input.projectTitle}". Hạn cuối: ${due}.`,
    'Quá hạn mà không có ý kiến thì được coi là đồng ý.',
  ]);
}

/** The intake officers are told the round's compiled dossiers arrived: the completeness check is theirs. */
export function completenessCheckNotice(input: DossierWorkflowInput): StaffNotice {
  return toStaff(input, 'completeness-check', 'Hồ sơ chờ kiểm tra tính đầy đủ', [
    `Hồ sơ "${input.projectTitle}" (cụm công nghiệp ${input.clusterCode}) đã được chuyển thẩm định: đề nghị kiểm tra tính đầy đủ.`,
  ]);
}

/** The administrators are told reference data stops a dossier (a consulted department the catalogue cannot resolve). */
export function catalogueFixNotice(input: DossierWorkflowInput, problem: string): StaffNotice {
  return toStaff(input, 'catalogue-fix', 'Cần sửa danh mục sở, ngành', [
    `Hồ sơ "${input.projectTitle}" chưa mở được việc lấy ý kiến: ${problem}`,
    'Đề nghị quản trị viên cập nhật danh mục sở, ngành (mã, thời hạn hiệu lực, đơn vị kế thừa). Hệ thống tự thử lại mỗi ngày.',
  ]);
}

/** The appraisers are told a dossier waits for its eligibility screening. */
export function screeningNotice(input: DossierWorkflowInput): StaffNotice {
  return toStaff(input, 'screening', 'Hồ sơ chờ sơ tuyển', [`Các sở, ngành đã cho ý kiến về hồ sơ "${input.projectTitle}": đề nghị sơ tuyển điều kiện của nhà đầu tư.`]);
}

/** The voting council members are told a dossier waits for their score sheets. */
export function scoringNotice(input: DossierWorkflowInput): StaffNotice {
  return toStaff(input, 'scoring', 'Hồ sơ chờ Hội đồng chấm điểm', [`Hồ sơ "${input.projectTitle}" đạt sơ tuyển: đề nghị thành viên Hội đồng chấm điểm (tối đa 15/15/30/40 điểm).`]);
}

/**
 * One mail per missed due date and manager: a step overdue again (after RETURN and a new deadline) is
 * a new notice, and the key names the address, not its place in the list of managers.
 */
export function overdueStaffNotice(input: DossierWorkflowInput, step: string, due: string): StaffNotice {
  return toStaff(input, `overdue:${step}:${due}`, `Quá hạn: ${step}`, [`Hồ sơ "${input.projectTitle}" đã quá hạn bước "${step}" (hạn ${due}).`], 'address');
}

export function lateRefusalMail(input: DossierWorkflowInput, reason: string): MailRequest {
  return toApplicant(input, 'refused-late', 'Thông báo không tiếp nhận hồ sơ', [
    `Văn bản đề nghị "${input.projectTitle}" không được tiếp nhận vào đợt lựa chọn chủ đầu tư đang diễn ra.`,
    `Lý do: ${reason}`,
  ]);
}

/**
 * The apology notice ("thư xin lỗi") a late dossier's applicant gets once per overdue stage
 * (DOMAIN.md §2): the stage, the due date it missed, and the new expected date with the non-working
 * days that moved it. `n` numbers the notices of one stage (a returned decision can be late again).
 */
export function overdueNoticeMail(
  input: DossierWorkflowInput,
  stage: { key: string; name: string },
  n: number,
  missedDue: string,
  revised: { due: string; amount: number; unit: string; skipped: { date: string; reason: string }[] },
): MailRequest {
  const limit = `${revised.amount} ${revised.unit === 'working-days' ? 'ngày làm việc' : 'ngày'}`;
  return toApplicant(input, `overdue-notice:${stage.key}:${n}`, `Thư xin lỗi: hồ sơ chậm ở bước ${stage.name}`, [
    `Cơ quan giải quyết thủ tục hành chính xin lỗi quý doanh nghiệp: hồ sơ "${input.projectTitle}" (cụm công nghiệp ${input.clusterCode}) đã quá hạn giải quyết ở bước "${stage.name}".`,
    `Hạn giải quyết của bước này là ngày ${formatDateVi(missedDue)}.`,
    `Thời hạn hẹn trả kết quả mới của bước này: ngày ${formatDateVi(revised.due)} (${limit} tính lại từ ngày phát hiện quá hạn).`,
    ...(revised.skipped.length
      ? ['Các ngày không làm việc không được tính:', ...revised.skipped.map((d) => `  - ${formatDateVi(d.date)}: ${d.reason}`)]
      : []),
    '',
    '(Apology notice: this step of your dossier is overdue; the new expected date is given above.)',
  ]);
}
