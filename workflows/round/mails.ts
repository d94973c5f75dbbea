import { formatDateVi } from '../../domain';
import { footer, type MailRequest } from '../dossier/mails';

/** A round's mails go to staff only; each applicant hears the round's result through its own dossier. */
export type RoundMail = MailRequest;

/** One mail per address and purpose: the key names the address, so a changed list of recipients skips nobody. */
function toStaff(roundCode: string, purpose: string, to: string[], subject: string, lines: string[]): RoundMail[] {
  return to.map((address) => ({
    idempotencyKey: `${roundCode}:${purpose}:${address}`,
    dossierCode: roundCode,
    to: address,
    subject: `[${roundCode}] ${subject}`,
    text: ['Kính gửi đồng chí,', '', ...lines, ...footer].join('\n'),
  }));
}

export function announcementRequestMails(roundCode: string, clusterCode: string, due: string, to: string[]): RoundMail[] {
  return toStaff(roundCode, 'announcement-request', to, 'Đề nghị thông báo công khai mời nhà đầu tư', [
    `Đã có văn bản đề nghị làm chủ đầu tư hạ tầng cụm công nghiệp ${clusterCode}.`,
    `Đề nghị UBND cấp huyện/xã thông báo công khai và ghi nhận ngày thông báo, nơi đăng trên hệ thống trước hết ngày ${formatDateVi(due)}.`,
  ]);
}

export function submissionRequestMails(roundCode: string, closedOn: string, due: string, to: string[]): RoundMail[] {
  return toStaff(roundCode, 'submission-request', to, 'Đề nghị chuyển hồ sơ sang Sở Công Thương thẩm định', [
    `Thời hạn nhận hồ sơ của đợt lựa chọn đã kết thúc ngày ${formatDateVi(closedOn)}.`,
    `Đề nghị tổng hợp và chuyển hồ sơ sang Sở Công Thương trước hết ngày ${formatDateVi(due)}.`,
  ]);
}

export function reportRequestMails(roundCode: string, due: string, to: string[]): RoundMail[] {
  return toStaff(roundCode, 'report-request', to, 'Đề nghị lập báo cáo thẩm định của đợt lựa chọn', [
    'Mọi hồ sơ của đợt lựa chọn đã được chấm điểm, bị loại hoặc đã rút.',
    `Đề nghị lập báo cáo thẩm định, đề xuất nhà đầu tư, trước hết ngày ${formatDateVi(due)}.`,
  ]);
}

export function decisionRequestMails(roundCode: string, proposed: string, due: string, to: string[], n: number): RoundMail[] {
  return toStaff(roundCode, `decision-request:${n}`, to, 'Đề nghị quyết định lựa chọn chủ đầu tư', [
    `Báo cáo thẩm định đề xuất hồ sơ ${proposed}.`,
    `Đề nghị UBND tỉnh quyết định trước hết ngày ${formatDateVi(due)}.`,
  ]);
}

export function roundOverdueMails(roundCode: string, step: string, due: string, to: string[]): RoundMail[] {
  return toStaff(roundCode, `overdue:${step}:${due}`, to, `Quá hạn: ${step}`, [`Đợt lựa chọn ${roundCode} đã quá hạn bước "${step}" (hạn ${formatDateVi(due)}).`]);
}
