/**
 * `npm start`: the whole system on embedded defaults. Whatever is not given by an environment
 * variable is started here and keeps its data under DATA_DIR (git-ignored), so a second run
 * resumes with the same dossiers and workflows:
 *   DATABASE_URL unset     → embedded PostgreSQL 18 (DATA_DIR/postgres), migrations applied;
 *   TEMPORAL_ADDRESS unset → Temporal dev server (SQLite file DATA_DIR/temporal/dev.db) with web UI;
 *   SMTP_URL unset         → MailDev (SMTP + web inbox, mails in DATA_DIR/mail);
 * then the worker and the API as child processes. Every child is supervised (scripts/supervisor.ts):
 * one that dies is started again with back-off. Ctrl-C stops them in reverse order: API (bounded
 * drain), worker, MailDev, Temporal, PostgreSQL last.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createPrismaClient } from '../db/client';
import { seedReferenceData } from '../db/seed/reference-data';
import { seedDemoAccounts } from '../db/seed/demo-accounts';
import { applyMigrations } from '../infra/migrate';
import { startMailCatcher } from '../infra/mail-catcher';
import { projectRoot } from '../infra/paths';
import { assertPortFree } from '../infra/ports';
import { ensureDatabase, startEmbeddedPostgres } from '../infra/postgres';
import { startServiceProcess } from '../infra/service-process';
import { startTemporalDevServer, type TemporalDevServer } from '../infra/temporal-server';
import { supervise } from './supervisor';

type Stop = { name: string; stop: () => Promise<void> };

const env = process.env;
const port = (name: string, fallback: number) => Number(env[name] ?? fallback);
const log = (line: string) => console.log(`[start] ${line}`);

async function main(): Promise<void> {
  const dataDir = path.resolve(env.DATA_DIR ?? path.join(projectRoot(), '.data'));
  const logDir = path.join(dataDir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const stops: Stop[] = [];
  let stopping = false;

  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('Đang dừng (stopping)…');
    for (const { name, stop } of stops.reverse()) {
      await stop().catch((error: unknown) => log(`${name}: ${String(error)}`));
      log(`  ${name} đã dừng`);
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const apiPort = port('PORT', 3000);
    await assertPortFree(apiPort, 'API', 'PORT');

    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      let adminUrl = '';
      const postgres = await supervise(
        'PostgreSQL',
        async () => {
          const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: port('EMBEDDED_POSTGRES_PORT', 54329), persistent: true });
          adminUrl = server.adminUrl;
          return server;
        },
        { log },
      );
      stops.push({ name: 'PostgreSQL', stop: postgres.stop });
      databaseUrl = await ensureDatabase(adminUrl, 'ccn');
    }
    const { applied } = await applyMigrations(databaseUrl);
    const prisma = createPrismaClient(databaseUrl, { maxConnections: 2 });
    try {
      await seedReferenceData(prisma);
    } finally {
      await prisma.$disconnect();
    }
    log(`Cơ sở dữ liệu sẵn sàng; migration mới áp dụng: ${applied.length ? applied.join(', ') : 'không có'}`);
    await seedDemoAccountsOutsideProduction(databaseUrl);

    let temporalAddress = env.TEMPORAL_ADDRESS;
    let temporalUi = env.TEMPORAL_UI_URL ?? '(theo máy chủ Temporal của bạn)';
    // The dev server's UI decodes payloads through the API's codec endpoint (it has no sign-in: see README, Personal data in Temporal).
    const codecUi: Record<string, string> = {};
    if (!temporalAddress) {
      const uiPort = port('TEMPORAL_UI_PORT', 8233);
      codecUi.TEMPORAL_UI_ORIGINS = env.TEMPORAL_UI_ORIGINS ?? `http://127.0.0.1:${uiPort},http://localhost:${uiPort}`;
      codecUi.TEMPORAL_CODEC_LOOPBACK_UI = env.TEMPORAL_CODEC_LOOPBACK_UI ?? 'true';
      let started: TemporalDevServer | undefined;
      const temporal = await supervise(
        'Temporal',
        async () => {
          const server = await startTemporalDevServer({
            port: port('TEMPORAL_PORT', 7233),
            uiPort,
            uiCodecEndpoint: `http://127.0.0.1:${apiPort}/api/temporal-codec`,
            dbFile: path.join(dataDir, 'temporal', 'dev.db'),
            logFile: path.join(logDir, 'temporal.log'),
            log,
          });
          started = server;
          return server;
        },
        { log },
      );
      stops.push({ name: 'Temporal', stop: temporal.stop });
      temporalAddress = started?.address;
      temporalUi = started?.uiUrl ?? temporalUi;
    }

    let smtpUrl = env.SMTP_URL;
    let inbox = '(SMTP_URL của bạn)';
    if (!smtpUrl) {
      const catcher = await startMailCatcher({
        smtpPort: port('MAIL_CATCHER_SMTP_PORT', 1025),
        webPort: port('MAIL_CATCHER_WEB_PORT', 1080),
        mailDir: path.join(dataDir, 'mail'),
        logFile: path.join(logDir, 'maildev.log'),
      });
      stops.push({ name: 'MailDev', stop: catcher.stop });
      smtpUrl = catcher.smtpUrl;
      inbox = catcher.inboxUrl;
    }

    const childEnv = {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      SMTP_URL: smtpUrl,
      PORT: String(apiPort),
      PUBLIC_BASE_URL: env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${apiPort}`,
      ...codecUi,
    };
    // The worker waits for Temporal by itself; a dead worker or API is started again with back-off.
    const spawnTs = async (name: string, file: string) => {
      const supervised = await supervise(
        name,
        async () =>
          startServiceProcess({
            name,
            command: process.execPath,
            args: ['--import', 'tsx', path.join(projectRoot(), file)],
            env: childEnv,
            output: 'inherit',
          }),
        { log },
      );
      stops.push({ name, stop: supervised.stop });
    };
    await spawnTs('worker', 'worker/main.ts');
    await spawnTs('API', 'api/main.ts');
    await waitForHealthyApi(apiPort);

    log('Hệ thống đã chạy (system is up):');
    log(`  Ứng dụng (web) http://127.0.0.1:${apiPort}/   tra cứu công khai: /tra-cuu`);
    log(`  API            http://127.0.0.1:${apiPort}/api`);
    log(`  API docs       http://127.0.0.1:${apiPort}/api/docs`);
    log(`  Temporal UI    ${temporalUi}`);
    if (process.env.DAY_SECONDS) log(`  Đồng hồ đào tạo: một ngày = ${process.env.DAY_SECONDS} giây cho mọi đợt lựa chọn mở từ bây giờ (training clock on)`);
    log(`  Hộp thư (mail) ${inbox}`);
    log(`  Dữ liệu (data) ${dataDir}`);
    log('Nhấn Ctrl-C để dừng (press Ctrl-C to stop).');
  } catch (error) {
    console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
    await stopAll(1);
  }
}

/** Demo accounts (password DEMO_PASSWORD, default "demo"), after the reference data; never in production. */
async function seedDemoAccountsOutsideProduction(databaseUrl: string): Promise<void> {
  if (env.NODE_ENV === 'production') return;
  const prisma = createPrismaClient(databaseUrl, { maxConnections: 1 });
  try {
    const created = await seedDemoAccounts(prisma, env.DEMO_PASSWORD ?? 'demo', env.NODE_ENV ?? 'development');
    if (created.length) log(`Tài khoản demo đã tạo (demo accounts): ${created.join(', ')}; mật khẩu: DEMO_PASSWORD (mặc định "demo")`);
  } finally {
    await prisma.$disconnect();
  }
}

async function waitForHealthyApi(apiPort: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${apiPort}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('API chưa sẵn sàng sau 120 s; xem log phía trên.');
}

void main();
