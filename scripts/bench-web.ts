/**
 * The web application on an old PC, in figures (not a test: nothing here passes or fails):
 *  1. the initial JavaScript a first visit downloads (the entry script and its modulepreloads,
 *     raw and gzip), the CSS beside it, and the largest chunks loaded later by lazy routes;
 *  2. an inbox of 500 tasks in headless Chromium (Debian's) with the CPU throttled 4× (DevTools
 *     Emulation.setCPUThrottlingRate), over several cold loads (a fresh browser context each): the
 *     time until its first page is on screen, from navigation start and from the moment that
 *     page's answer arrived; then "Tải thêm việc" pressed until all 500 are on screen, each press
 *     timed from the click to its rows on screen.
 * The built application (web/dist) is served by the API's own static router; /api/auth/me,
 * /api/catalogue/clusters and /api/tasks are answered by a stub of the API's shapes, so the figures
 * are the browser's work alone (the API's own speed is bench:reads'). The stub pages as the API
 * does, by the `limit` the page asks for (its cursor is a plain offset).
 *
 *   npm run bench:web                       # builds web/dist when stale, 5 runs
 *   npm run bench:web -- --runs 9 --tasks 1000
 *   npm run bench:web -- --dist /tmp/other-build
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import express from 'express';
import { chromium } from 'playwright-core';
import { WEB_DIST, webAppRouter } from '../api/web/static';
import type { components } from '../web/src/api/openapi';

type InboxItem = components['schemas']['InboxItem'];
type Inbox = components['schemas']['Inbox'];
type AuthUser = components['schemas']['AuthUser'];
type ClusterCatalogueEntry = components['schemas']['ClusterCatalogueEntry'];

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CPU_THROTTLING = 4;
const KB = 1024;

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, tasks: { type: 'string', default: '500' }, dist: { type: 'string' } },
});
const runs = Math.max(1, Number(values.runs) || 5);
const taskCount = Math.max(1, Number(values.tasks) || 500);
const dist = path.resolve(values.dist ?? WEB_DIST);

interface Asset {
  file: string;
  raw: number;
  gzip: number;
}

function asset(relative: string): Asset {
  const content = fs.readFileSync(path.join(dist, relative.replace(/^\//, '')));
  return { file: relative, raw: content.length, gzip: gzipSync(content, { level: 9 }).length };
}

/** What index.html makes the browser fetch before the first screen: the entry module, its preloads, the CSS. */
function initialAssets(): { js: Asset[]; css: Asset[] } {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const attr = (pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1] as string);
  const js = [...attr(/<script[^>]+type="module"[^>]*src="([^"]+)"/g), ...attr(/<link[^>]+rel="modulepreload"[^>]*href="([^"]+)"/g)];
  const css = attr(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g);
  return { js: [...new Set(js)].map(asset), css: [...new Set(css)].map(asset) };
}

const sum = (assets: Asset[], key: 'raw' | 'gzip') => assets.reduce((total, a) => total + a[key], 0);
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} kB`;

function printSizes(): void {
  const { js, css } = initialAssets();
  const initial = new Set(js.map((a) => path.basename(a.file)));
  const lazy = fs
    .readdirSync(path.join(dist, 'assets'))
    .filter((name) => name.endsWith('.js') && !initial.has(name))
    .map((name) => asset(`assets/${name}`))
    .sort((a, b) => b.gzip - a.gzip);
  console.log(`\nInitial load (${path.relative(process.cwd(), dist) || dist}/index.html)`);
  for (const a of js) console.log(`  ${a.file.padEnd(44)} ${kb(a.raw).padStart(10)} raw ${kb(a.gzip).padStart(10)} gzip`);
  console.log(`  JavaScript, initial:                         ${kb(sum(js, 'raw')).padStart(10)} raw ${kb(sum(js, 'gzip')).padStart(10)} gzip  (aim ≤ 300 kB gzip)`);
  console.log(`  CSS, initial:                                ${kb(sum(css, 'raw')).padStart(10)} raw ${kb(sum(css, 'gzip')).padStart(10)} gzip`);
  console.log(`Loaded later by lazy routes: ${lazy.length} chunks, ${kb(sum(lazy, 'gzip'))} gzip; largest:`);
  for (const a of lazy.slice(0, 6)) console.log(`  ${a.file.padEnd(44)} ${kb(a.gzip).padStart(10)} gzip`);
}

const CLUSTER_NAMES = ['Lộc Giang', 'Đức Hòa', 'Tân Kim', 'Long Hậu', 'Phước Lợi'];
const KINDS: InboxItem['kind'][] = ['COMPLETENESS_CHECK', 'DEPARTMENT_OPINION', 'ELIGIBILITY_SCREENING', 'COUNCIL_SCORING', 'APPRAISAL_REPORT', 'DECISION'];
const STAGES: InboxItem['stage'][] = ['COMPLETENESS_CHECK', 'DEPARTMENT_OPINIONS', 'SCREENING', 'SCORING', 'APPRAISAL_REPORT', 'DECISION'];

/** `count` open tasks, most urgent first as the API sorts them, with a mix of overdue, near-due and later ones. */
function inbox(count: number): Inbox {
  const today = '2026-12-02';
  const items: InboxItem[] = Array.from({ length: count }, (_, i) => {
    const workingDaysLeft = Math.floor(i / 10) - 5;
    const due = new Date(Date.UTC(2026, 11, 2 + Math.round(workingDaysLeft * 1.4)));
    return {
      taskId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      kind: KINDS[i % KINDS.length] as InboxItem['kind'],
      dossierCode: `CCN-BENCH-${String(i).padStart(5, '0')}`,
      roundCode: null,
      projectTitle: `Đầu tư xây dựng hạ tầng cụm công nghiệp số ${i + 1}`,
      clusterCode: `BENCH-${i % CLUSTER_NAMES.length}`,
      clusterName: `Cụm công nghiệp ${CLUSTER_NAMES[i % CLUSTER_NAMES.length]}`,
      stage: STAGES[i % STAGES.length] as InboxItem['stage'],
      status: 'ACTIVE',
      role: 'APPRAISER',
      departmentCode: 'DOIT',
      assignedToMe: i % 3 === 0,
      dueOn: due.toISOString().slice(0, 10),
      workingDaysLeft,
      nearDue: workingDaysLeft >= 0 && workingDaysLeft <= 2,
      overdue: workingDaysLeft < 0,
      version: 3,
    };
  });
  const overdue = items.filter((item) => item.overdue).length;
  const nearDue = items.filter((item) => item.nearDue).length;
  const mine = items.filter((item) => item.assignedToMe).length;
  return { today, items, tab: 'all', nextCursor: null, counts: { all: count, mine, overdue, nearDue }, countsComplete: true };
}

const CLUSTERS: ClusterCatalogueEntry[] = CLUSTER_NAMES.map((name, i) => ({
  code: `BENCH-${i}`,
  name: `Cụm công nghiệp ${name}`,
  district: 'Bến Lức',
  areaHa: 50,
  latestRound: null,
  hasInvestor: false,
}));

const ME: AuthUser = {
  id: '00000000-0000-4000-8000-000000000001',
  username: 'appraiser',
  fullName: 'Cán bộ thẩm định (bench)',
  roles: ['APPRAISER'],
  departmentId: null,
  departmentCode: 'DOIT',
  councilRole: null,
};

async function serve(): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  const body = inbox(taskCount);
  app.get('/api/auth/me', (_req, res) => void res.json(ME));
  app.get('/api/catalogue/clusters', (_req, res) => void res.json(CLUSTERS));
  app.get('/api/tasks', (req, res) => {
    const limit = Math.min(200, Number(req.query.limit) || 50);
    const from = Number(req.query.cursor) || 0;
    const next = from + limit < body.items.length ? String(from + limit) : null;
    res.json({ ...body, items: body.items.slice(from, from + limit), nextCursor: next });
  });
  app.use(webAppRouter(dist));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Set in the page before any of its scripts: a session for the client, and an observer that notes
 * the time (ms since navigation start) each time the number of task rows changes.
 */
const PAGE_PROBE = `
  localStorage.setItem('ccn.session', JSON.stringify({ token: 'bench', expiresAt: new Date(Date.now() + 3600e3).toISOString() }));
  window.__rows = [];
  new MutationObserver(() => {
    const n = document.querySelectorAll('main tbody tr').length;
    const last = window.__rows[window.__rows.length - 1];
    if (!last || last.n !== n) window.__rows.push({ t: performance.now(), n });
  }).observe(document, { childList: true, subtree: true });
`;

interface RunFigures {
  /** Rows of the first page. */
  firstRows: number;
  visibleMs: number;
  /** When the page asked for its tasks (the application's start and sign-in check before it). */
  askedMs: number;
  afterAnswerMs: number;
  /** Each "Tải thêm việc", from the click to its rows on screen. */
  moreMs: number[];
}

/** Clicks "Tải thêm việc" and returns the page's clock at the click. */
const CLICK_MORE = `(() => {
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent.includes('Tải thêm việc'));
  const at = performance.now();
  button.click();
  return at;
})()`;

async function measureRender(url: string): Promise<RunFigures[]> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const figures: RunFigures[] = [];
  try {
    // One warm-up load (the OS file cache, Chromium's own start), not counted.
    for (let run = 0; run <= runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      await context.addInitScript(PAGE_PROBE);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLING });
      await page.goto(`${url}/`);
      // A page is drawn in one commit: the first change to a non-zero row count is the whole first page.
      await page.waitForFunction(`(window.__rows.at(-1)?.n ?? 0) > 0`, undefined, { timeout: 120_000, polling: 100 });
      const first = (await page.evaluate(`(() => {
        const drawn = window.__rows.find((r) => r.n > 0);
        const answer = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/tasks'));
        return { n: drawn.n, visibleMs: drawn.t, askedAt: answer ? answer.startTime : 0, answerEnd: answer ? answer.responseEnd : 0 };
      })()`)) as { n: number; visibleMs: number; askedAt: number; answerEnd: number };
      const moreMs: number[] = [];
      for (let shown = first.n; shown < taskCount; ) {
        const clickedAt = (await page.evaluate(CLICK_MORE)) as number;
        await page.waitForFunction(`(window.__rows.at(-1)?.n ?? 0) > ${shown}`, undefined, { timeout: 120_000, polling: 50 });
        const drawn = (await page.evaluate('window.__rows.at(-1)')) as { n: number; t: number };
        moreMs.push(drawn.t - clickedAt);
        shown = drawn.n;
      }
      if (run > 0) figures.push({ firstRows: first.n, visibleMs: first.visibleMs, askedMs: first.askedAt, afterAnswerMs: first.visibleMs - first.answerEnd, moreMs });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return figures;
}

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  return `median ${median.toFixed(0)} ms (min ${(sorted[0] as number).toFixed(0)}, max ${(sorted.at(-1) as number).toFixed(0)})`;
}

async function main(): Promise<void> {
  if (!values.dist) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the plain CommonJS setup script npm start and npm test run
    (require('./ensure-built.js') as { ensureWebBuilt(): void }).ensureWebBuilt();
  }
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error(`${dist}/index.html is missing: npm run web:build`);
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
  printSizes();
  const server = await serve();
  try {
    const figures = await measureRender(server.url);
    const rows = figures[0]?.firstRows ?? 0;
    const more = figures.flatMap((f) => f.moreMs);
    console.log(`\nInbox of ${taskCount} tasks, 1366×768, CPU throttled ${CPU_THROTTLING}×, ${runs} cold loads (aim ≤ 1000 ms)`);
    console.log(`  first page (${rows} rows) on screen, from navigation start:  ${stats(figures.map((f) => f.visibleMs))}`);
    console.log(`  GET /api/tasks sent, from navigation start:           ${stats(figures.map((f) => f.askedMs))}`);
    console.log(`  first page on screen, after its answer arrived:       ${stats(figures.map((f) => f.afterAnswerMs))}`);
    if (more.length > 0) {
      console.log(`  each "Tải thêm việc", click to its rows on screen:    ${stats(more)} over ${more.length} presses`);
      console.log(`  all ${taskCount} on screen, the presses' sum per load:       ${stats(figures.map((f) => f.moreMs.reduce((a, b) => a + b, 0)))}`);
    }
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
