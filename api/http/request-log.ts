import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/**
 * One line per answered request, naming the request, not its headers: tokens, cookies and
 * idempotency keys are credentials of a kind and never reach the logs, and a line costs a few
 * fields instead of every header serialised and then redacted at every request.
 */
export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown; raw?: IncomingMessage }) => {
        const raw = req.raw ?? req;
        return { id: req.id, method: raw.method, url: raw.url, remoteAddress: raw.socket?.remoteAddress };
      },
      res: (res: ServerResponse & { raw?: ServerResponse }) => ({ statusCode: (res.raw ?? res).statusCode }),
    },
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
  });
}
