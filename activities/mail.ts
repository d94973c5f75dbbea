import type { MailRequest } from '../workflows/dossier/mails';
import type { ActivityDeps } from './deps';

/**
 * Sends a mail at most once per idempotency key: the outbox row is claimed first and marked sent
 * after SMTP accepts it, so a retried activity that finds it sent does nothing. The one window left
 * (a crash between SMTP's acceptance and the mark) resends with the same Message-ID, which mail
 * systems use to drop the duplicate.
 */
export async function sendMail(deps: ActivityDeps, mail: MailRequest): Promise<{ sent: boolean }> {
  const row = await deps.prisma.mailOutbox.upsert({
    where: { idempotencyKey: mail.idempotencyKey },
    create: { idempotencyKey: mail.idempotencyKey, to: mail.to, subject: mail.subject, body: mail.text, dossierCode: mail.dossierCode },
    update: {},
  });
  if (row.sentAt) return { sent: false };
  try {
    await deps.mailer.send({ to: row.to, subject: row.subject, text: row.body, messageId: `<${row.id}@ccn-appraisal>` });
  } catch (error) {
    await deps.prisma.mailOutbox.update({
      where: { id: row.id },
      data: { attempts: { increment: 1 }, lastError: error instanceof Error ? error.message : String(error) },
    });
    throw error;
  }
  await deps.prisma.mailOutbox.update({ where: { id: row.id }, data: { attempts: { increment: 1 }, sentAt: new Date(), lastError: null } });
  return { sent: true };
}
