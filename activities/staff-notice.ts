import { staffMails, type StaffNotice } from '../domain';
import type { ActivityDeps } from './deps';
import { sendMail, type SendAttemptMemory } from './mail';
import { staffRecipients } from './staff';

export interface StaffNoticeRequest {
  query: Parameters<typeof staffRecipients>[1];
  notice: StaffNotice;
}

/**
 * A staff notice in one activity: the active staff the query names, then one mail each, every mail
 * through sendMail's outbox (claimed before it is sent, marked after), so a retried attempt sends
 * only what the previous one did not. `memoryOf` gives each mail its own memory of the attempts
 * (the heartbeat's record of the keys already sent).
 */
export async function notifyStaff(deps: ActivityDeps, request: StaffNoticeRequest, memoryOf: (idempotencyKey: string) => SendAttemptMemory): Promise<{ recipients: number; sent: number }> {
  const to = await staffRecipients(deps, request.query);
  const results = await Promise.allSettled(staffMails(request.notice, to).map((mail) => sendMail(deps, mail, memoryOf(mail.idempotencyKey))));
  // Every mail was tried before failing the attempt: those sent are marked, and the retry skips them.
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  return { recipients: to.length, sent: results.filter((result) => result.status === 'fulfilled' && result.value.sent).length };
}
