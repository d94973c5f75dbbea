import type { AppConfig } from './config';
import { developmentSecret } from './dev-secret';
import { generatePayloadKey, PayloadKeysSchema, type PayloadKeyring } from './payload-codec';

const DEV_KEY_FILE = 'payload-keys';

/**
 * The payload keys of this process: PAYLOAD_KEYS when set (production refuses to start without it,
 * see infra/config.ts). Otherwise a development key generated once per DATA_DIR and kept there like
 * the embedded database, so the API and the worker of one `npm start` share it and a restart can
 * still read its histories. Losing that file makes the development histories unreadable, nothing more.
 */
export function payloadKeyring(config: Pick<AppConfig, 'PAYLOAD_KEYS'>, env: NodeJS.ProcessEnv = process.env): PayloadKeyring {
  if (config.PAYLOAD_KEYS) return config.PAYLOAD_KEYS;
  const stored = developmentSecret(DEV_KEY_FILE, () => generatePayloadKey(`dev-${new Date().toISOString().slice(0, 10)}`), env);
  const parsed = PayloadKeysSchema.safeParse(stored);
  if (!parsed.success) throw new Error(`Tệp khoá ${DEV_KEY_FILE} trong DATA_DIR không hợp lệ: ${parsed.error.issues[0]?.message}. Sửa tệp hoặc đặt PAYLOAD_KEYS.`);
  return parsed.data;
}
