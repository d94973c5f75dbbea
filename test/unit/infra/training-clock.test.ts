import { loadConfig } from '../../../infra/config';

const base = { DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/ccn', SMTP_URL: 'smtp://127.0.0.1:1025' };

describe('the training clock (DAY_SECONDS)', () => {
  it('is off unless set, and counts seconds per day outside production', () => {
    expect(loadConfig({ ...base, NODE_ENV: 'development' }).DAY_SECONDS).toBeUndefined();
    expect(loadConfig({ ...base, NODE_ENV: 'development', DAY_SECONDS: '20' }).DAY_SECONDS).toBe(20);
  });

  it('is refused in production, where deadlines are law in real days', () => {
    const production = { ...base, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), PAYLOAD_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`, DAY_SECONDS: '20' };
    expect(() => loadConfig(production)).toThrow(/DAY_SECONDS/);
  });

  it('refuses a day shorter than a second', () => {
    expect(() => loadConfig({ ...base, DAY_SECONDS: '0' })).toThrow(/DAY_SECONDS/);
  });
  it('is not the only setting production insists on: the public address of links and QR codes too', () => {
    const production = { ...base, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), PAYLOAD_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}` };
    expect(() => loadConfig(production)).toThrow(/PUBLIC_BASE_URL: production cần PUBLIC_BASE_URL/);
    expect(loadConfig({ ...production, PUBLIC_BASE_URL: 'https://ccn.longan.gov.vn' }).PUBLIC_BASE_URL).toBe('https://ccn.longan.gov.vn');
    expect(loadConfig({ ...base, NODE_ENV: 'development', PORT: '3999' }).PUBLIC_BASE_URL).toBe('http://127.0.0.1:3999');
  });
});
