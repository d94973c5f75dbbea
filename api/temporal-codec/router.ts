/**
 * The remote codec of the Temporal UI and CLI (POST {endpoint}/encode and /decode), so that an
 * operator can read the histories that infra/payload-codec.ts encrypts. Operators are the ADMIN
 * accounts: decoding shows every applicant's personal data, which no other role reads wholesale.
 * The UI calls it from the browser, hence CORS for the origins in TEMPORAL_UI_ORIGINS.
 */
import cors from 'cors';
import { Router, type Request, type RequestHandler } from 'express';
import type { Payload } from '@temporalio/common';
import { EncryptionCodec } from '../../infra/payload-codec';
import { payloadKeyring } from '../../infra/payload-keys';
import { authenticate, requireRole } from '../auth/middleware';
import type { ApiDeps } from '../deps';
import { problemResponses, type DocsRegistration } from '../http/openapi';
import { unprocessable } from '../http/problem';
import { parseBody } from '../http/validate';
import { CodecBodySchema, type PayloadJson } from './schemas';

const BASE = '/api/temporal-codec';

function fromJson(payload: PayloadJson): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')])),
    data: Buffer.from(payload.data ?? '', 'base64'),
  };
}

function toJson(payload: Payload): PayloadJson {
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value ?? []).toString('base64')])),
    data: Buffer.from(payload.data ?? []).toString('base64'),
  };
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * With TEMPORAL_CODEC_LOOPBACK_UI (development), the dev server's UI, which has no sign-in and so no
 * token to pass: a request without Authorization, from this machine (the socket's peer, never a
 * forwarded header) and from the UI's own origin. A page of any other origin is refused by the
 * Origin check even when a browser on this machine sends it (DNS rebinding included), so what is
 * opened is what the dev UI already shows every local user.
 */
function fromLocalUi(req: Request, origins: string[]): boolean {
  const origin = req.header('Origin');
  return req.header('Authorization') === undefined && origin !== undefined && origins.includes(origin) && LOOPBACK.has(req.socket.remoteAddress ?? '');
}

export function temporalCodecRouter(deps: ApiDeps): Router {
  const router = Router();
  const codec = new EncryptionCodec(payloadKeyring(deps.config));
  // The UI sends its sign-in token (Authorization) and namespace (X-Namespace); cookies are not used.
  const crossOrigin = cors({ origin: deps.config.TEMPORAL_UI_ORIGINS, methods: ['POST'], allowedHeaders: ['Authorization', 'Content-Type', 'X-Namespace'], maxAge: 600 });
  const operators = [crossOrigin, authenticate(deps), requireRole('ADMIN')];

  // Decode only: the dev UI reads histories; encoding (starting workflows from the UI) stays with operators.
  const localUi: RequestHandler = (req, _res, next) => next(deps.config.TEMPORAL_CODEC_LOOPBACK_UI && fromLocalUi(req, deps.config.TEMPORAL_UI_ORIGINS) ? undefined : 'route');

  for (const direction of ['encode', 'decode'] as const) {
    const run: RequestHandler = async (req, res) => {
      const { payloads } = parseBody(CodecBodySchema, req);
      let result: Payload[];
      try {
        result = await codec[direction](payloads.map(fromJson));
      } catch (error) {
        throw unprocessable(error instanceof Error ? error.message : String(error));
      }
      res.json({ payloads: result.map(toJson) });
    };
    router.options(`${BASE}/${direction}`, crossOrigin);
    if (direction === 'decode') router.post(`${BASE}/${direction}`, crossOrigin, localUi, run);
    router.post(`${BASE}/${direction}`, ...operators, run);
  }
  return router;
}

export const registerTemporalCodecDocs: DocsRegistration = (registry) => {
  for (const direction of ['encode', 'decode'] as const) {
    registry.registerPath({
      method: 'post',
      path: `${BASE}/${direction}`,
      tags: ['temporal-codec'],
      summary: direction === 'decode' ? 'Giải mã dữ liệu Temporal cho Temporal UI/CLI (ADMIN)' : 'Mã hoá dữ liệu Temporal cho Temporal UI/CLI (ADMIN)',
      description:
        'Remote codec protocol: the Temporal UI (codec endpoint setting) or CLI (`--codec-endpoint …/api/temporal-codec --codec-auth "Bearer <token>"`) sends payloads with base64 bytes. Payloads without `encoding: binary/encrypted` pass through decode unchanged; encode encrypts with the first key of PAYLOAD_KEYS.',
      security: [{ bearerAuth: [] }],
      request: { body: { content: { 'application/json': { schema: CodecBodySchema } } } },
      responses: {
        200: { description: 'Payload đã xử lý, cùng thứ tự', content: { 'application/json': { schema: CodecBodySchema } } },
        ...problemResponses(400, 401, 403, 413, 422),
      },
    });
  }
};
