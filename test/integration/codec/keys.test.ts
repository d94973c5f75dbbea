import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../infra/config';
import { generatePayloadKey, PayloadKeysSchema } from '../../../infra/payload-codec';
import { payloadKeyring } from '../../../infra/payload-keys';

const base = { DATABASE_URL: 'postgresql://u:p@localhost:5432/ccn', SMTP_URL: 'smtp://localhost:25' };

describe('payload keys from configuration', () => {
  it('reads the rotation list in order: the first key encrypts, every key decrypts', () => {
    const keys = PayloadKeysSchema.parse(`${generatePayloadKey('2027-01')}, ${generatePayloadKey('2026-01')}`);
    expect(keys.map((k) => [k.id, k.key.length])).toEqual([
      ['2027-01', 32],
      ['2026-01', 32],
    ]);
  });

  it.each([
    ['a key without id', Buffer.alloc(32).toString('base64'), /khoá thứ 1/],
    ['a key of 16 bytes', `short:${Buffer.alloc(16).toString('base64')}`, /khoá thứ 1/],
    ['a key that is not base64', `typo:${'!'.repeat(44)}`, /khoá thứ 1/],
    ['the same id twice', `${generatePayloadKey('same')},${generatePayloadKey('same')}`, /"same" bị lặp/],
  ])('refuses %s with a message naming the fault', (_what, value, message) => {
    const parsed = PayloadKeysSchema.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(message);
    // The message must not echo the key material.
    expect(parsed.error?.issues[0]?.message).not.toContain(value.split(':').pop());
  });

  it('refuses to start in production without PAYLOAD_KEYS, naming the variable', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-length' })).toThrow(/PAYLOAD_KEYS: production cần PAYLOAD_KEYS/);
  });

  it('generates a development key once per DATA_DIR, private to its owner, and reuses it', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccn-keys-'));
    try {
      const config = loadConfig({ ...base, NODE_ENV: 'development' });
      const first = payloadKeyring(config, { DATA_DIR: dataDir });
      const file = path.join(dataDir, 'payload-keys');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const again = payloadKeyring(config, { DATA_DIR: dataDir });
      expect(again.map((k) => [k.id, k.key.toString('hex')])).toEqual(first.map((k) => [k.id, k.key.toString('hex')]));
      expect(fs.readdirSync(dataDir)).toEqual(['payload-keys']);
      // PAYLOAD_KEYS, when set, wins over the file.
      const configured = payloadKeyring(loadConfig({ ...base, PAYLOAD_KEYS: generatePayloadKey('ops') }), { DATA_DIR: dataDir });
      expect(configured.map((k) => k.id)).toEqual(['ops']);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
