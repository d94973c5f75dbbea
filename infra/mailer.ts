import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Stable per logical mail, so a resend after a crash carries the same Message-ID and can be deduplicated. */
  messageId: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  verify(): Promise<void>;
  close(): void;
}

/**
 * Bounds on one SMTP exchange, so a send ends well inside the outbox's claim lease (30 s,
 * activities/mail.ts): a relay that stops answering fails the attempt instead of holding the mail.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000 } as const;

/**
 * A few SMTP connections kept open and reused: a lifecycle sends some twenty mails, and a new
 * connection for each (TCP, greeting, EHLO, QUIT) cost the worker and the relay more than the mail.
 * A connection the relay closed is replaced by the pool; a send that fails on it fails the attempt,
 * which the outbox releases for the activity's retry.
 */
const SMTP_POOL = { pool: true, maxConnections: 3, maxMessages: 100 } as const;

/** SMTP through nodemailer; SMTP_URL is smtp://[user:pass@]host:port (smtps:// for TLS). */
export function createMailer(smtpUrl: string, from: string): Mailer {
  const transporter: Transporter = nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS, ...SMTP_POOL });
  return {
    async send(mail) {
      await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
    },
    async verify() {
      await transporter.verify();
    },
    close() {
      transporter.close();
    },
  };
}
