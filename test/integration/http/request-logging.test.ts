import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../../api/app';
import { createTestStack, type TestStack } from '../../support/stack';

describe('request logs', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await createTestStack('logging');
  });
  afterAll(() => stack.close());

  it('carry a request id, method, path and status, and never a header: no bearer token, cookie or idempotency key', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = createApp({ ...stack.deps, logger: pino({ level: 'info' }, sink) });
    const response = await request(app)
      .get('/api/tasks')
      .set('Authorization', 'Bearer very-secret-token-value')
      .set('Idempotency-Key', 'idem-key-value-42')
      .set('Cookie', 'session=cookie-value-7')
      .set('X-Request-Id', 'req-abc-123')
      .expect(401);
    expect(response.headers['x-request-id']).toBe('req-abc-123');
    expect(response.body.requestId).toBe('req-abc-123');

    const log = lines.join('');
    expect(log).toContain('req-abc-123');
    expect(log).toContain('/api/tasks');
    expect(log).not.toContain('very-secret-token-value');
    expect(log).not.toContain('idem-key-value-42');
    expect(log).not.toContain('cookie-value-7');
    const line = JSON.parse(lines.find((l) => l.includes('"res"')) as string);
    expect(line.req).toEqual({ id: 'req-abc-123', method: 'GET', url: '/api/tasks', remoteAddress: expect.any(String) });
    expect(line.res).toEqual({ statusCode: 401 });
  });
});
