import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from './config';
import { generatePayloadKey, PayloadKeysSchema, type PayloadKeyring } from './payload-codec';
import { projectRoot } from './paths';

const DEV_KEY_FILE = 'payload-keys';

/**
 * The payload keys of this process: PAYLOAD_KEYS when set (production refuses to start without it,
 * see infra/config.ts). Otherwise a development key generated once per DATA_DIR and kept there like
 * the embedded database, so the API and the worker of one `npm start` share it and a restart can
 * still read its histories. Losing that file makes the development histories unreadable, nothing more.
 */
export function payloadKeyring(config: Pick<AppConfig, 'PAYLOAD_KEYS'>, env: NodeJS.ProcessEnv = process.env): PayloadKeyring {
  if (config.PAYLOAD_KEYS) return config.PAYLOAD_KEYS;
  const dataDir = path.resolve(env.DATA_DIR ?? path.join(projectRoot(), '.data'));
  return developmentKeyring(path.join(dataDir, DEV_KEY_FILE));
}

function developmentKeyring(file: string): PayloadKeyring {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // The API and the worker start together: write aside, then link, so one key wins and nobody reads half a file.
    const draft = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(draft, `${generatePayloadKey(`dev-${new Date().toISOString().slice(0, 10)}`)}\n`, { mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.unlinkSync(draft);
    }
  }
  const parsed = PayloadKeysSchema.safeParse(fs.readFileSync(file, 'utf8').trim());
  if (!parsed.success) throw new Error(`Tệp khoá ${file} không hợp lệ: ${parsed.error.issues[0]?.message}. Sửa tệp hoặc đặt PAYLOAD_KEYS.`);
  return parsed.data;
}
