import { formatDateVi, type StaffNotice } from '../../domain';
import { footer } from '../dossier/mails';

/**
 * A round's mails go to staff only (each applicant hears the round's result through its own dossier):
 * one mail per address and purpose, the key naming the address, so a changed list of recipients skips nobody.
 */
function toStaff(roundCode: string, purpose: string, subject: string, lines: string[]): StaffNotice {
  return { key: `${roundCode}:${purpose}`, keyedBy: 'address', dossierCode: roundCode, subject: `[${roundCode}] ${subject}`, text: ['Kính gửi đồng chí,', '', ...lines, ...footer].join('\n') };
}

export function announcementRequestNotice(roundCode: string, clusterCode: string, due: string): StaffNotice {
  return toStaff(roundCode, 'announcement-request', 'Đề nghị thông báo công khai mời nhà đầu tư', [
    `Đã có văn bản đề nghị làm chủ đầu tư hạ tầng cụm công nghiệp ${clusterCode}.`,
    `Đề nghị UBND cấp huyện/xã thông báo công khai và ghi nhận ngày thông báo, nơi đăng trên hệ thống trước hết ngày ${formatDateVi(due)}.`,
  ]);
}

export function submissionRequestNotice(roundCode: string, closedOn: string, due: string): StaffNotice {
  return toStaff(roundCode, 'submission-request', 'Đề nghị chuyển hồ sơ sang Sở Công Thương thẩm định', [
    `Thời hạn nhận hồ sơ của đợt lựa chọn đã kết thúc ngày ${formatDateVi(closedOn)}.`,
    `Đề nghị tổng hợp và chuyển hồ sơ sang Sở Công Thương trước hết ngày ${formatDateVi(due)}.`,
  ]);
}

export function reportRequestNotice(roundCode: string, due: string): StaffNotice {
  return toStaff(roundCode, 'report-request', 'Đề nghị lập báo cáo thẩm định của đợt lựa chọn', [
    'Mọi hồ sơ của đợt lựa chọn đã được chấm điểm, bị loại hoặc đã rút.',
    `Đề nghị lập báo cáo thẩm định, đề xuất nhà đầu tư, trước hết ngày ${formatDateVi(due)}.`,
  ]);
}

export function decisionRequestNotice(roundCode: string, proposed: string, due: string, n: number): StaffNotice {
  return toStaff(roundCode, `decision-request:${n}`, 'Đề nghị quyết định lựa chọn chủ đầu tư', [
    `Báo cáo thẩm định đề xuất hồ sơ ${proposed}.`,
    `Đề nghị UBND tỉnh quyết định trước hết ngày ${formatDateVi(due)}.`,
  ]);
}

export function roundOverdueNotice(roundCode: string, step: string, due: string): StaffNotice {
  return toStaff(roundCode, `overdue:${step}:${due}`, `Quá hạn: ${step}`, [`Đợt lựa chọn ${roundCode} đã quá hạn bước "${step}" (hạn ${formatDateVi(due)}).`]);
}
