/**
 * Browser tests of the web application: the real stack (createTestStack) served on 127.0.0.1 by
 * the app itself, driven by Debian's Chromium through playwright-core (never a downloaded browser).
 *
 *   const web = await startWebStack('inbox');                 // stack + worker + HTTP server + Chromium
 *   const { page, foreign } = await signedInPage(web, 'intake');  // own context, already signed in
 *   await page.goto(web.url('/'));
 *   await expectAccessible(page);                             // axe-core: no serious/critical violation
 *   await screenshot(page, 'inbox');                          // test/artifacts/web/inbox.png (git-ignored)
 *   expect(foreign).toEqual([]);                              // no request left 127.0.0.1
 *   await web.close();
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import request from 'supertest';
import { bearer, TEST_DEMO_PASSWORD, tokenFor } from './auth';
import { createTestStack, type RunningWorker, type TestStack } from './stack';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
export const ARTIFACTS_DIR = path.resolve(__dirname, '../artifacts/web');

/** An old provincial PC's window, in Vietnam's time zone and language. */
export const DESKTOP: BrowserContextOptions = {
  viewport: { width: 1366, height: 768 },
  locale: 'vi-VN',
  timezoneId: 'Asia/Ho_Chi_Minh',
};
/** A small phone, for the public lookup. */
export const PHONE: BrowserContextOptions = { ...DESKTOP, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

export interface WebStack {
  stack: TestStack;
  browser: Browser;
  baseUrl: string;
  url(pathAndQuery: string): string;
  close(): Promise<void>;
}

export async function startWebStack(label: string, options: { worker?: boolean } = {}): Promise<WebStack> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: apt-get install -y chromium (.ci/run does it)`);
  const stack = await createTestStack(label);
  let worker: RunningWorker | undefined;
  try {
    if (options.worker !== false) worker = await stack.startWorker();
    const server = stack.app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    return {
      stack,
      browser,
      baseUrl,
      url: (pathAndQuery) => baseUrl + pathAndQuery,
      async close() {
        await browser.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await worker?.stop();
        await stack.close();
      },
    };
  } catch (error) {
    await stack.close();
    throw error;
  }
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Every request the page tried to send anywhere but 127.0.0.1 (each was blocked). */
  foreign: string[];
}

/**
 * A fresh browser context (its own storage: one person) that blocks and records any request
 * leaving 127.0.0.1: the application must work on an offline intranet, so a CDN font, script or
 * image is a failure, not a slow load.
 */
export async function newTestPage(web: WebStack, options: BrowserContextOptions = DESKTOP): Promise<TestPage> {
  const context = await web.browser.newContext(options);
  // Waits, not assertions: two cores shared by several test runs can take Playwright's 30 s default.
  context.setDefaultTimeout(60_000);
  const foreign: string[] = [];
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    async (route) => {
      foreign.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  const page = await context.newPage();
  return { context, page, foreign };
}

/** Signs in through the sign-in form as a person would (labels and button in Vietnamese). */
export async function signInThroughForm(page: Page, username: string, password = TEST_DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/**
 * A page of `username` in its own context, signed in through the real POST /api/auth/login and
 * the application's own session storage (quicker than the form; the sign-in test uses the form).
 */
export async function signedInPage(web: WebStack, username: string, options: BrowserContextOptions = DESKTOP): Promise<TestPage> {
  const testPage = await newTestPage(web, options);
  const response = await testPage.context.request.post(web.url('/api/auth/login'), { data: { username, password: TEST_DEMO_PASSWORD } });
  if (!response.ok()) throw new Error(`login as ${username} failed: ${response.status()} ${await response.text()}`);
  const { token, expiresAt } = (await response.json()) as { token: string; expiresAt: string };
  await testPage.page.goto(web.url('/dang-nhap'));
  // The key web/src/api/session.ts reads (a string expression: this tsconfig has no DOM types).
  await testPage.page.evaluate(`localStorage.setItem('ccn.session', ${JSON.stringify(JSON.stringify({ token, expiresAt }))})`);
  return testPage;
}

/**
 * Files a dossier through POST /api/dossiers as `username` (the intake officer) and returns its
 * code: keyed, and asked again with the same key after a 503, a 202 or a 409 InProgress, as the
 * README tells a client, because a freshly started worker on a loaded machine may not have
 * admitted it yet.
 */
export async function fileDossier(web: WebStack, key: string, body: object, username = 'intake'): Promise<string> {
  const auth = bearer(await tokenFor(web.stack, username));
  for (const giveUpAt = Date.now() + 120_000; ; ) {
    const answer = await request(web.stack.app).post('/api/dossiers').set(auth).set('Idempotency-Key', key).send(body);
    if (answer.status === 201) return (answer.body as { code: string }).code;
    // 409 InProgress: the previous try with this key is still running or just ended ("hãy gửi lại").
    const again = answer.status === 202 || answer.status === 503 || (answer.status === 409 && (answer.body as { reason?: string }).reason === 'InProgress');
    if (!again || Date.now() > giveUpAt) throw new Error(`filing ${key}: ${answer.status} ${JSON.stringify(answer.body)}`);
    await new Promise((resolve) => setTimeout(resolve, answer.status === 202 ? 300 : 1_000));
  }
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; summary?: string }[];
}

/**
 * Runs axe-core (WCAG 2.1 A/AA rules) on the page as it is now and fails on any serious or
 * critical violation, listing each with the elements it found. The script is evaluated through
 * the DevTools protocol, so the page's own CSP (scripts from 'self' only) stays as served.
 */
export async function expectAccessible(page: Page, what = page.url()): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} } })
    .then((result) => result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })) })))`)) as AxeViolation[];
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length > 0) {
    const report = serious.map((v) => `- ${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.summary ?? ''}`).join('\n    ')}`).join('\n');
    throw new Error(`axe-core found ${serious.length} serious or critical violation(s) on ${what}:\n${report}`);
  }
}

/** An ISO date as a person types it in the screens' date fields: dd/mm/yyyy. */
export const displayDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Picks `label` in a Mantine Select as a person does: open it, type to narrow when it is searchable, click the option. */
export async function chooseOption(page: Page, input: Locator, label: string): Promise<void> {
  await input.click();
  if (await input.isEditable()) await input.fill(label);
  await page.getByRole('option', { name: label, exact: true }).click();
}

/** Saves a full-page screenshot to test/artifacts/web/<name>.png (git-ignored) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
