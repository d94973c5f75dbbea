import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { requestLogging } from '../../../api/http/request-log';

describe('request logging', () => {
  it('writes one line per request with its method, path, id and status, and none of its credentials', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const app = express();
    app.use(requestLogging(logger));
    app.get('/api/tasks', (_req, res) => {
      res.setHeader('Set-Cookie', 'session=secret-cookie');
      res.json({ ok: true });
    });
    const server = http.createServer(app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/api/tasks?tab=mine`, {
        headers: { Authorization: 'Bearer secret-token', Cookie: 'a=secret-cookie', 'Idempotency-Key': 'secret-key', 'X-Request-Id': 'req-42' },
      });
      expect(response.headers.get('x-request-id')).toBe('req-42');
      await response.text();
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      server.close();
    }
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] as string);
    expect(line.req).toMatchObject({ id: 'req-42', method: 'GET', url: '/api/tasks?tab=mine' });
    expect(line.res).toEqual({ statusCode: 200 });
    expect(lines[0]).not.toMatch(/secret/);
  });
});
