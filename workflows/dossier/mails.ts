import type { DossierWorkflowInput } from './api';

export interface MailRequest {
  /** Unique per logical mail: a retried activity with the same key never sends twice. */
  idempotencyKey: string;
  dossierCode: string;
  to: string;
  subject: string;
  text: string;
}

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
