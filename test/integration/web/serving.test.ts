/**
 * The API process serves the web application: the page for every client route (never for /api),
 * long-lived caching of hashed assets only, and a same-origin Content Security Policy.
 */
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { WEB_DIST } from '../../../api/web/static';
import { createTestStack, type TestStack } from '../../support/stack';

describe('web application served by the API', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await createTestStack('web-serving');
  });
  afterAll(() => stack.close());

  it('answers client routes with the page in Vietnamese, revalidated on every load', async () => {
    for (const route of ['/', '/tra-cuu', '/tra-cuu/CCN-AAAAA-BBBBB', '/ho-so/CCN-AAAAA-BBBBB?tab=1', '/dang-nhap']) {
      const response = await request(stack.app).get(route).expect(200);
      expect(response.type).toBe('text/html');
      expect(response.text).toContain('<html lang="vi">');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('never shadows the API: an unknown /api path is still a problem document', async () => {
    const response = await request(stack.app).get('/api/khong-co').expect(404);
    expect(response.type).toBe('application/problem+json');
    await request(stack.app).get('/api').expect(404).expect('Content-Type', /problem\+json/);
    await request(stack.app).get('/api/public/dossiers/CCN-AAAAA-BBBBB').expect(404).expect('Content-Type', /problem\+json/);
  });

  it('caches hashed assets for a year and answers a missing asset with 404, not the page', async () => {
    const asset = fs.readdirSync(path.join(WEB_DIST, 'assets')).find((name) => name.endsWith('.js'));
    expect(asset).toBeDefined();
    const response = await request(stack.app).get(`/assets/${asset}`).expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.type).toMatch(/javascript/);
    await request(stack.app).get('/assets/missing-0000.js').expect(404);
    await request(stack.app).get('/favicon-missing.png').expect(404);
  });

  it('sends a Content Security Policy that allows only its own origin', async () => {
    const csp = (await request(stack.app).get('/').expect(200)).headers['content-security-policy'] as string;
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['font-src']).toEqual(["'self'"]);
    expect(directives['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives['img-src']).toEqual(["'self'", 'data:']);
    expect(csp).not.toMatch(/https:|http:/);
  });
});
