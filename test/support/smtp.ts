import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { findFreePort } from '../../infra/ports';

export interface CaughtMail {
  to: string[];
  subject: string;
  text: string;
  messageId: string | undefined;
}

export interface SmtpCatcher {
  url: string;
  messages: CaughtMail[];
  /** Resolves with the mails matching `predicate` once at least `count` have arrived. */
  waitFor(predicate: (mail: CaughtMail) => boolean, count?: number, timeoutMs?: number): Promise<CaughtMail[]>;
  stop(): Promise<void>;
}

/** A real SMTP server in the test process: mails really cross a socket and are parsed back. */
export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const messages: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            messageId: parsed.messageId,
          });
          callback();
        })
        .catch(callback);
    },
  });
  const port = await findFreePort();
  let stopped: Promise<void> | undefined;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(predicate, count = 1, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const matching = messages.filter(predicate);
        if (matching.length >= count) return matching;
        if (Date.now() > deadline) {
          throw new Error(`Chờ ${count} thư, nhận ${matching.length}; tất cả: ${JSON.stringify(messages.map((m) => [m.to, m.subject]))}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop() {
      stopped ??= new Promise<void>((resolve) => server.close(() => resolve()));
      return stopped;
    },
  };
}
