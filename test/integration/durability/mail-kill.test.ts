/**
 * The worker is SIGKILLed twice while it is sending mail (an outbox row claimed, the relay not yet
 * answered), during a stream of keyed submissions that a client retries as the README says. The
 * relay counts what it accepted: every dossier's acknowledgement exactly once, no Message-ID twice,
 * no mail left unsent, and no 5xx other than 503.
 */
import type { ServiceProcess } from '../../../infra/service-process';
import { monthAgo, taxCode } from '../actions/support';
import { bearer, tokenFor } from '../../support/auth';
import { submitUntilRecorded, type Answer } from '../../support/keyed-client';
import { startSmtpCatcher, type SmtpCatcher } from '../../support/smtp';
import { createTestStack, type TestStack } from '../../support/stack';
import { killProcessGroup, startWorkerProcess } from '../../support/worker-process';

const WAVES = 2;
const LETTERS_PER_WAVE = 3;

async function waitUntil<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a worker SIGKILLed in the middle of sending mail', () => {
  let stack: TestStack;
  let relay: SmtpCatcher;
  const workers: ServiceProcess[] = [];

  beforeAll(async () => {
    stack = await createTestStack('mail-kill');
    // A relay that answers a second after the message, so a kill can land while a send is under way.
    relay = await startSmtpCatcher({ answerDelayMs: 1_000 });
  });
  afterAll(async () => {
    for (const worker of workers) await worker.stop(2_000);
    await relay.stop();
    await stack.close();
  });

  it('delivers every mail exactly once', async () => {
    const env = { ...stack.childEnv, SMTP_URL: relay.url };
    workers.push(startWorkerProcess(env));
    const auth = bearer(await tokenFor(stack, 'intake'));
    const answers: Answer[] = [];
    const receivedOn = monthAgo();
    const submit = (n: number) =>
      submitUntilRecorded(stack.app, auth, `mail-kill-${n}`, {
        clusterCode: 'DH-LOC-GIANG-1',
        receivedOn,
        projectTitle: `Hạ tầng CCN Lộc Giang 1, phương án ${n}`,
        applicant: { name: `Công ty Hạ tầng số ${n}`, taxCode: taxCode(), email: `investor${n}@example.vn` },
      }, answers);

    const submissions: Promise<string>[] = [];
    const killedMidSend: string[] = [];
    for (let wave = 0; wave < WAVES; wave++) {
      const since = new Date();
      for (let i = 0; i < LETTERS_PER_WAVE; i++) submissions.push(submit(wave * LETTERS_PER_WAVE + i));
      // A mail of this wave claimed and not yet answered by the relay: kill the worker now.
      const inFlight = await waitUntil(
        async () => (await stack.prisma.mailOutbox.findFirst({ where: { createdAt: { gte: since }, sentAt: null, claimedUntil: { not: null } } })) ?? undefined,
        90_000,
        `a mail of wave ${wave} being sent`,
      );
      await killProcessGroup(workers[workers.length - 1] as ServiceProcess);
      killedMidSend.push(inFlight.id);
      workers.push(startWorkerProcess(env));
    }

    const codes = await Promise.all(submissions);
    await waitUntil(async () => ((await stack.prisma.mailOutbox.count({ where: { sentAt: null } })) === 0 ? true : undefined), 120_000, 'every mail sent');
    // Anything sent twice would arrive now.
    await new Promise((r) => setTimeout(r, 1_500));

    expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
    expect(new Set(codes).size).toBe(WAVES * LETTERS_PER_WAVE);
    expect(await stack.prisma.dossier.count({ where: { code: { in: codes } } })).toBe(codes.length);
    for (const [n, code] of codes.entries()) {
      const acknowledgements = relay.messages.filter((m) => m.subject.includes(code) && m.to.includes(`investor${n}@example.vn`));
      expect({ code, acknowledgements: acknowledgements.length }).toEqual({ code, acknowledgements: 1 });
    }
    const messageIds = relay.messages.map((m) => m.messageId);
    expect(messageIds.length).toBe(await stack.prisma.mailOutbox.count());
    expect(new Set(messageIds).size).toBe(messageIds.length);
    // The kills really landed mid-send: each of those mails was taken over from the dead attempt and sent once.
    for (const id of killedMidSend) {
      const row = await stack.prisma.mailOutbox.findUniqueOrThrow({ where: { id } });
      expect(row.attempts).toBeGreaterThanOrEqual(2);
      expect(row.lastError).toMatch(/bị ngắt giữa chừng/);
      expect(relay.messages.filter((m) => m.messageId === `<${id}@ccn-appraisal>`)).toHaveLength(1);
    }
  }, 300_000);
});
