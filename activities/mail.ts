import { ApplicationFailure } from '@temporalio/common';
import type { MailRequest } from '../domain';
import type { MailOutbox } from '../generated/prisma/client';
import type { ActivityDeps } from './deps';

/**
 * How long an attempt owns a mail it is sending. It matches the activities' start-to-close timeout
 * (30 s), after which Temporal retries, and is longer than the mailer's own bounds on one send
 * (infra/mailer.ts), so no two live attempts ever hold it together.
 */
export const MAIL_CLAIM_LEASE_MS = 30_000;

const IN_DOUBT = 'lần gửi trước bị ngắt giữa chừng (tiến trình dừng); gửi lại cùng Message-ID';

/**
 * What one attempt tells the next about its send, kept outside the database: the activity's heartbeat
 * details, which Temporal hands to the retry. A relay's 250 followed by a lost database (the "sent" mark
 * could not be written) would otherwise make the retry's send a duplicate once the lease runs out.
 */
export interface SendAttemptMemory {
  sentBefore(): boolean;
  rememberSent(): void;
}

const FORGETFUL: SendAttemptMemory = { sentBefore: () => false, rememberSent: () => undefined };

/**
 * Sends a mail at most once per idempotency key, as far as SMTP allows. Before the send, the outbox
 * row is held with a lease in a committed statement of its own (the first attempt writes the row
 * already held; a retry claims the row it finds); after it, the row is marked sent:
 * - a retry that finds it sent does nothing;
 * - a retry that finds a live claim (another attempt is sending it now, e.g. Temporal retried a slow
 *   attempt) waits for the lease and tries again, so two attempts never send it side by side;
 * - an SMTP refusal releases the claim: nothing was accepted, the retry sends;
 * - a claim whose lease ran out unreleased belongs to an attempt that died mid-send (worker SIGKILLed):
 *   the mail is in doubt and is sent again with the same Message-ID. It is a duplicate only when
 *   the relay had already answered 250 and the attempt died before both its heartbeat and its mark
 *   were recorded, a window of milliseconds; receiving mail systems drop a repeated Message-ID;
 * - an attempt that sent but could not write its mark (database away) leaves that in its heartbeat:
 *   the retry only writes the mark.
 */
export async function sendMail(deps: ActivityDeps, mail: MailRequest, memory: SendAttemptMemory = FORGETFUL): Promise<{ sent: boolean }> {
  // Told again at once: an attempt that fails before its own heartbeat must not make the next one forget.
  if (memory.sentBefore()) memory.rememberSent();
  const fresh = await insertClaimed(deps, mail);
  const row = fresh ?? (await deps.prisma.mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: mail.idempotencyKey } }));
  if (row.sentAt) return { sent: false };
  if (memory.sentBefore()) {
    await deps.prisma.mailOutbox.update({ where: { id: row.id }, data: { sentAt: new Date(), claimedUntil: null } });
    return { sent: true };
  }
  const claimed = fresh ? 'free' : await claim(deps, row.id);
  if (claimed === 'taken') return alreadySentOrWait(deps, row.id);
  try {
    await deps.mailer.send({ to: row.to, subject: row.subject, text: row.body, messageId: `<${row.id}@ccn-appraisal>` });
  } catch (error) {
    await deps.prisma.mailOutbox.update({
      where: { id: row.id },
      data: { claimedUntil: null, lastError: error instanceof Error ? error.message : String(error) },
    });
    throw error;
  }
  memory.rememberSent();
  // A resend in doubt keeps its note: an operator can list the mails that may have gone out twice.
  await deps.prisma.mailOutbox.update({ where: { id: row.id }, data: { sentAt: new Date(), claimedUntil: null, lastError: claimed === 'in-doubt' ? IN_DOUBT : null } });
  return { sent: true };
}

type OutboxRow = Pick<MailOutbox, 'id' | 'to' | 'subject' | 'body' | 'sentAt'>;

/**
 * The first attempt writes the outbox row already claimed, in one statement: the common case costs no
 * separate claim. ON CONFLICT, not Prisma's upsert: two attempts inserting at once must not fail on
 * the unique key; the one that finds the row (null here) goes through claim() like any retry.
 */
async function insertClaimed(deps: ActivityDeps, mail: MailRequest): Promise<OutboxRow | null> {
  const rows = await deps.prisma.$queryRaw<OutboxRow[]>`
    INSERT INTO mail_outbox (idempotency_key, "to", subject, body, dossier_code, attempts, claimed_until)
    VALUES (${mail.idempotencyKey}, ${mail.to}, ${mail.subject}, ${mail.text}, ${mail.dossierCode}, 1,
            now() + ${MAIL_CLAIM_LEASE_MS} * interval '1 millisecond')
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id::text, "to", subject, body, sent_at AS "sentAt"`;
  return rows[0] ?? null;
}

/**
 * Takes the lease when the mail is unsent and nobody holds a live one; the database's clock decides,
 * so workers with skewed clocks agree. A concurrent claimer blocks on the row lock and then sees the
 * new lease. 'in-doubt' when it took over the expired lease of an attempt that vanished (noted in
 * last_error), 'taken' when the mail is sent or claimed by a live attempt.
 */
async function claim(deps: ActivityDeps, id: string): Promise<'free' | 'in-doubt' | 'taken'> {
  const rows = await deps.prisma.$queryRaw<{ inDoubt: boolean }[]>`
    WITH free AS (
      SELECT id, claimed_until FROM mail_outbox
      WHERE id = ${id}::uuid AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
      FOR UPDATE
    )
    UPDATE mail_outbox AS m
    SET claimed_until = now() + ${MAIL_CLAIM_LEASE_MS} * interval '1 millisecond',
        attempts = m.attempts + 1,
        last_error = CASE WHEN free.claimed_until IS NULL THEN m.last_error ELSE ${IN_DOUBT} END
    FROM free WHERE m.id = free.id
    RETURNING free.claimed_until IS NOT NULL AS "inDoubt"`;
  const [claimed] = rows;
  if (!claimed) return 'taken';
  return claimed.inDoubt ? 'in-doubt' : 'free';
}

async function alreadySentOrWait(deps: ActivityDeps, id: string): Promise<{ sent: boolean }> {
  const current = await deps.prisma.mailOutbox.findUniqueOrThrow({ where: { id }, select: { sentAt: true, claimedUntil: true } });
  if (current.sentAt) return { sent: false };
  const leftMs = Math.max(0, (current.claimedUntil?.getTime() ?? Date.now()) - Date.now());
  throw ApplicationFailure.create({
    type: 'MailClaimed',
    message: `Thư đang được một lần thử khác gửi; thử lại khi hết hạn giữ (${Math.ceil(leftMs / 1000)} s).`,
    nextRetryDelay: leftMs + 250,
  });
}
