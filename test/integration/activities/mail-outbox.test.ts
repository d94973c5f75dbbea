/**
 * The outbox claims a mail before sending it: two attempts never send one mail side by side, a
 * refused send releases it, and the claim of an attempt that died is taken over once its lease runs
 * out (the mail is in doubt and goes again with the same Message-ID). Against a real SMTP server.
 */
import { ApplicationFailure } from '@temporalio/common';
import { MAIL_CLAIM_LEASE_MS, sendMail } from '../../../activities/mail';
import type { MailRequest } from '../../../domain';
import { createMailer } from '../../../infra/mailer';
import { closedPort } from '../../support/closed-port';
import { TEST_MAIL_FROM, useMailActivityDeps } from '../../support/mail-activity-deps';

function mail(key: string): MailRequest {
  return { idempotencyKey: key, to: 'investor@example.vn', subject: `Thư ${key}`, text: 'Nội dung', dossierCode: 'CCN-MAIL0-TEST0' };
}

describe('the mail outbox claims before it sends', () => {
  // A relay that takes 400 ms to accept, so a second attempt arrives while the first is sending.
  const env = useMailActivityDeps('mail_outbox', { answerDelayMs: 400 });

  const delivered = (key: string) => env.relay.messages.filter((m) => m.subject === `Thư ${key}`);

  it('sends once when two attempts run side by side: the second waits for the lease, then finds it sent', async () => {
    const [first, second] = await Promise.allSettled([sendMail(env.deps, mail('side-by-side')), sendMail(env.deps, mail('side-by-side'))]);
    const outcomes = [first, second];
    expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => (o as PromiseFulfilledResult<{ sent: boolean }>).value)).toEqual([{ sent: true }]);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ApplicationFailure);
    expect(refused.reason).toMatchObject({ type: 'MailClaimed', nonRetryable: false });
    expect(delivered('side-by-side')).toHaveLength(1);
    // Temporal's retry of the waiting attempt: the mail is sent, nothing goes out again.
    await expect(sendMail(env.deps, mail('side-by-side'))).resolves.toEqual({ sent: false });
    expect(delivered('side-by-side')).toHaveLength(1);
    expect(await env.prisma.mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: 'side-by-side' } })).toMatchObject({ attempts: 1, claimedUntil: null });
  });

  it('releases the claim when the relay cannot be reached, so the retry sends at once', async () => {
    const down = createMailer(`smtp://127.0.0.1:${await closedPort()}`, TEST_MAIL_FROM);
    try {
      await expect(sendMail({ ...env.deps, mailer: down }, mail('relay-down'))).rejects.toThrow();
    } finally {
      down.close();
    }
    const row = await env.prisma.mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: 'relay-down' } });
    expect(row).toMatchObject({ sentAt: null, claimedUntil: null, attempts: 1 });
    expect(row.lastError).toMatch(/ECONNREFUSED/);
    await expect(sendMail(env.deps, mail('relay-down'))).resolves.toEqual({ sent: true });
    expect(delivered('relay-down')).toHaveLength(1);
  });

  it("waits while a dead attempt's lease runs, then takes the mail over and sends it once, noting the doubt", async () => {
    // What a worker SIGKILLed mid-send leaves: the row claimed, never released, never marked.
    await env.prisma.mailOutbox.create({ data: { idempotencyKey: 'killed-mid-send', to: 'investor@example.vn', subject: 'Thư killed-mid-send', body: 'x', attempts: 1 } });
    await env.prisma.$executeRaw`UPDATE mail_outbox SET claimed_until = now() + interval '20 seconds' WHERE idempotency_key = 'killed-mid-send'`;
    const waiting = await sendMail(env.deps, mail('killed-mid-send')).catch((error: unknown) => error);
    expect(waiting).toMatchObject({ type: 'MailClaimed', nonRetryable: false });
    const delayMs = Number((waiting as ApplicationFailure).nextRetryDelay);
    expect(delayMs).toBeGreaterThan(15_000);
    expect(delayMs).toBeLessThanOrEqual(MAIL_CLAIM_LEASE_MS);
    expect(delivered('killed-mid-send')).toHaveLength(0);

    // The lease has run out (moved into the past rather than waited for).
    await env.prisma.$executeRaw`UPDATE mail_outbox SET claimed_until = now() - interval '1 second' WHERE idempotency_key = 'killed-mid-send'`;
    await expect(sendMail(env.deps, mail('killed-mid-send'))).resolves.toEqual({ sent: true });
    expect(delivered('killed-mid-send')).toHaveLength(1);
    const [caught] = delivered('killed-mid-send');
    const row = await env.prisma.mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: 'killed-mid-send' } });
    expect(caught?.messageId).toBe(`<${row.id}@ccn-appraisal>`);
    // Kept after the send: an operator can list the mails that may have reached the applicant twice.
    expect(row).toMatchObject({ attempts: 2, claimedUntil: null, lastError: expect.stringMatching(/bị ngắt giữa chừng/) });
    expect(row.sentAt).not.toBeNull();
  });
  it('an attempt that sent but lost the database tells the next one, which only writes the mark', async () => {
    const memory = { sent: false, sentBefore: () => memory.sent, rememberSent: () => void (memory.sent = true) };
    // The database goes away between the relay's 250 and the "sent" mark: the mark's update fails.
    const lostAfterSend = new Proxy(env.prisma, {
      get: (target, prop, receiver) =>
        prop === 'mailOutbox'
          ? { findUniqueOrThrow: target.mailOutbox.findUniqueOrThrow.bind(target.mailOutbox), update: () => Promise.reject(new Error("Can't reach database server")) }
          : Reflect.get(target, prop, receiver),
    });
    await expect(sendMail({ ...env.deps, prisma: lostAfterSend }, mail('mark-lost'), memory)).rejects.toThrow(/reach database/);
    expect(memory.sent).toBe(true);
    expect(delivered('mark-lost')).toHaveLength(1);
    // The claim is still live (its release failed too); a retry without the memory would wait and then resend.
    await expect(sendMail(env.deps, mail('mark-lost'), memory)).resolves.toEqual({ sent: true });
    expect(delivered('mark-lost')).toHaveLength(1);
    expect(await env.prisma.mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: 'mark-lost' } })).toMatchObject({ attempts: 1, claimedUntil: null, lastError: null });
    expect((await env.prisma.mailOutbox.findUniqueOrThrow({ where: { idempotencyKey: 'mark-lost' } })).sentAt).not.toBeNull();
  });
});
