import { formatDateVi, staffMails, type IsoDate, type MailRequest } from '../../domain';
import { footer } from '../dossier/mails';
import type { AgendaEntry, ClusterMonitoringInput } from './api';

/** One mail per address, purpose and due date: a retried activity or a continued run never sends twice. */
function mails(input: ClusterMonitoringInput, purpose: string, to: string[], greeting: string, subject: string, lines: string[]): MailRequest[] {
  const notice = { key: `${input.clusterCode}:${purpose}`, keyedBy: 'address', dossierCode: input.dossierCode, subject: `[CCN ${input.clusterCode}] ${subject}`, text: [greeting, '', ...lines, ...footer].join('\n') } as const;
  return staffMails(notice, to);
}

const STAFF = 'Kính gửi đồng chí,';
const investor = (name: string) => `Kính gửi ${name},`;

export function monitoringStartedMails(input: ClusterMonitoringInput, investorName: string, to: string[], milestones: { name: string; due: IsoDate }[]): MailRequest[] {
  return mails(input, 'monitoring-started', to, investor(investorName), 'Các mốc tiến độ sau quyết định thành lập cụm công nghiệp', [
    `UBND tỉnh đã quyết định ngày ${formatDateVi(input.decidedOn)}. Sở Công Thương theo dõi các mốc sau:`,
    ...milestones.map((m) => `  - ${m.name}: hạn ${formatDateVi(m.due)}`),
    `Báo cáo định kỳ (tiến độ, diện tích cho thuê, doanh nghiệp thứ cấp và ngành nghề) gửi sau mỗi kỳ báo cáo.`,
  ]);
}

/** A reminder before the due date: to the people who record it, and the investor when it is the investor's obligation. */
export function reminderMails(input: ClusterMonitoringInput, entry: AgendaEntry, to: string[], investorName: string | null): MailRequest[] {
  const lines = [`Sắp đến hạn: ${entry.title} (hạn ${formatDateVi(entry.due)}).`];
  return mails(input, `reminder:${entry.id}:${entry.due}`, to, investorName ? investor(investorName) : STAFF, `Nhắc hạn: ${entry.title}`, lines);
}

/** The due date passed: the managers are told; the item stays open on their list until it is recorded. */
export function overdueMails(input: ClusterMonitoringInput, entry: AgendaEntry, to: string[], investorName: string | null): MailRequest[] {
  return mails(input, `overdue:${entry.id}:${entry.due}`, to, investorName ? investor(investorName) : STAFF, `Quá hạn: ${entry.title}`, [
    `Cụm công nghiệp ${input.clusterCode} đã quá hạn "${entry.title}" (hạn ${formatDateVi(entry.due)}).`,
    'Việc này vẫn mở trong danh sách theo dõi của lãnh đạo cho đến khi được ghi nhận.',
  ]);
}

export function escalationMails(input: ClusterMonitoringInput, investorName: string, to: string[], violation: string, stepName: string, reason: string, remediationDue: IsoDate | null): MailRequest[] {
  return mails(input, `escalation:${violation}:${stepName}:${remediationDue ?? 'final'}`, to, investor(investorName), `Xử lý vi phạm ${violation}: ${stepName}`, [
    `Vi phạm ${violation} chưa được khắc phục đúng hạn. Lãnh đạo đã quyết định: ${stepName}.`,
    `Lý do: ${reason}`,
    remediationDue ? `Thời hạn khắc phục mới: ${formatDateVi(remediationDue)}.` : 'Đây là bước xử lý cuối cùng của quá trình theo dõi.',
  ]);
}

export function violationMails(input: ClusterMonitoringInput, investorName: string, to: string[], violation: string, description: string, due: IsoDate): MailRequest[] {
  return mails(input, `violation:${violation}`, to, investor(investorName), `Yêu cầu khắc phục vi phạm ${violation}`, [
    `Kết quả kiểm tra phát hiện vi phạm: ${description}`,
    `Đề nghị khắc phục trước hết ngày ${formatDateVi(due)}.`,
  ]);
}

/** A calendar change moved a due date earlier: those who must act have less time than they were told. */
export function earlierDueMails(input: ClusterMonitoringInput, entry: AgendaEntry, previousDue: IsoDate, changedDays: IsoDate[], to: string[], investorName: string | null): MailRequest[] {
  return mails(input, `earlier:${entry.id}:${entry.due}`, to, investorName ? investor(investorName) : STAFF, `Hạn sớm hơn: ${entry.title}`, [
    `Lịch ngày làm việc đã được điều chỉnh (ngày ${changedDays.map(formatDateVi).join(', ')}), nên hạn "${entry.title}" được tính lại: ${formatDateVi(entry.due)} (trước đây ${formatDateVi(previousDue)}).`,
  ]);
}
