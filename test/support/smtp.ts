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

export interface SmtpCatcherOptions {
  /**
   * Pause between the end of a message and the server's answer, like a relay that scans mail
   * before accepting it: a sender killed meanwhile never gets the 250, and the mail is not kept.
   */
  answerDelayMs?: number;
}

/**
 * A real SMTP server in the test process: mails really cross a socket and are parsed back. A mail
 * counts as delivered (is in `messages`) when the server answers 250 to a client still connected.
 */
export async function startSmtpCatcher(options: SmtpCatcherOptions = {}): Promise<SmtpCatcher> {
  const messages: CaughtMail[] = [];
  const closedSessions = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onClose(session) {
      closedSessions.add(session.id);
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          if (options.answerDelayMs) await new Promise((r) => setTimeout(r, options.answerDelayMs));
          if (closedSessions.has(session.id)) return callback(new Error('the client left before the answer'));
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
  // A client killed in the middle of a mail (a SIGKILLed worker) resets its socket, and smtp-server
  // emits that on the server: unheard, it would be an uncaught exception failing whichever test runs.
  // The mail is simply not delivered (its session closed before the 250), as for a real server.
  server.on('error', () => undefined);
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
