import type { Express } from 'express';
import request from 'supertest';

export interface Answer {
  status: number;
  /** How long the API took to answer, in ms. */
  tookMs: number;
  at: number;
}

/**
 * A client as the README tells it to behave: the same Idempotency-Key on every try, a 503 or a 409
 * InProgress retried after its Retry-After (at most 5 s), a 202 (accepted, not yet recorded) asked
 * again, until the 201. Every answer goes
 * into `answers`, so a test can count 5xx and see how fast each came.
 */
export async function submitUntilRecorded(
  app: Express,
  auth: Record<string, string>,
  key: string,
  body: object,
  answers: Answer[],
  giveUpMs = 150_000,
): Promise<string> {
  const giveUpAt = Date.now() + giveUpMs;
  for (;;) {
    const started = Date.now();
    const answer = await request(app).post('/api/dossiers').set(auth).set('Idempotency-Key', key).send(body);
    answers.push({ status: answer.status, tookMs: Date.now() - started, at: Date.now() });
    if (answer.status === 201) return answer.body.code as string;
    // 409 InProgress: an earlier try's record could not be released (the database was down); it is taken over after its stale window.
    const inProgress = answer.status === 409 && answer.body?.reason === 'InProgress';
    if ((![202, 503].includes(answer.status) && !inProgress) || Date.now() > giveUpAt) throw new Error(`${key}: ${answer.status} ${JSON.stringify(answer.body)}`);
    await new Promise((r) => setTimeout(r, answer.status === 202 ? 300 : Math.min(5, Number(answer.headers['retry-after'] ?? 1)) * 1_000));
  }
}
