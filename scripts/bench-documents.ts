/**
 * Uploads and downloads one large file through the real API process and prints the throughput and
 * the API's peak memory (VmHWM), before and after: streaming means the peak does not grow with the
 * file. Not part of `npm test` (figures, not assertions).
 *
 *   npm run bench:documents                  # 50 MB, folder store
 *   npm run bench:documents -- --mb 200      # another size
 *   npm run bench:documents -- --s3          # S3 store, against an s3rver started for the run
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { createPrismaClient } from '../db/client';
import { seedDemoAccounts } from '../db/seed/demo-accounts';
import { seedReferenceData } from '../db/seed/reference-data';
import { applyMigrations } from '../infra/migrate';
import { ensureDatabase, startEmbeddedPostgres } from '../infra/postgres';
import { findFreePort } from '../infra/ports';

const MB = 1024 * 1024;
const args = process.argv.slice(2);
const sizeMb = Number(args[args.indexOf('--mb') + 1] ?? 50) || 50;
const useS3 = args.includes('--s3');

/** Peak resident set of a process, from Linux's /proc (kB → MB). */
function peakRssMb(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:')) ?? '';
  return Number(/(\d+)/.exec(line)?.[1] ?? 0) / 1024;
}

async function waitForHealth(port: number): Promise<void> {
  for (let i = 0; i < 240; i++) {
    // Any answer will do: health is 503 here because no Temporal runs, and documents do not need it.
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(() => true, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('API did not become healthy');
}

async function writeFile(file: string, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  const out = fs.createWriteStream(file);
  const head = Buffer.from('%PDF-1.7\n');
  hash.update(head);
  out.write(head);
  for (let left = bytes - head.length; left > 0; left -= MB) {
    const chunk = randomBytes(Math.min(MB, left));
    hash.update(chunk);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return hash.digest('hex');
}

function uploadFile(port: number, token: string, code: string, file: string): Promise<{ status: number; body: string }> {
  const boundary = `----bench${randomBytes(6).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="item"\r\n\r\nINVESTMENT_REPORT\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="Báo cáo đầu tư.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + fs.statSync(file).size + tail.length;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: `/api/dossiers/${code}/documents`, headers: { Authorization: `Bearer ${token}`, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': length } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.write(head);
    const source = fs.createReadStream(file);
    source.on('end', () => req.end(tail));
    source.pipe(req, { end: false });
  });
}

function downloadSha(port: number, token: string, url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: url, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      const hash = createHash('sha256');
      res.on('data', (c: Buffer) => hash.update(c));
      res.on('end', () => resolve(hash.digest('hex')));
      res.on('error', reject);
    });
  });
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ccn-bench-docs-'));
  const stops: Array<() => Promise<void>> = [];
  try {
    const postgres = await startEmbeddedPostgres({ dataDir: path.join(work, 'postgres'), port: await findFreePort(), persistent: false });
    stops.push(postgres.stop);
    const databaseUrl = await ensureDatabase(postgres.adminUrl, 'bench');
    await applyMigrations(databaseUrl);
    const prisma = createPrismaClient(databaseUrl, { maxConnections: 2 });
    stops.push(() => prisma.$disconnect());
    await seedReferenceData(prisma);
    await seedDemoAccounts(prisma, 'demo', 'development');
    const cluster = await prisma.cluster.findFirstOrThrow();
    const applicant = await prisma.applicant.create({ data: { name: 'Công ty đo hiệu năng', taxCode: '0312345678', contactEmail: 'bench@example.vn' } });
    const round = await prisma.selectionRound.create({ data: { clusterId: cluster.id, number: 900, ruleSetId: 'decree-32-2024', openedOn: new Date('2026-10-01') } });
    const dossier = await prisma.dossier.create({
      data: { code: 'CCN-BENCH-00001', projectTitle: 'Đo hiệu năng', roundId: round.id, clusterId: cluster.id, applicantId: applicant.id, ruleSetId: 'decree-32-2024', filedOn: new Date('2026-10-01'), stage: 'COMPLETENESS_CHECK' },
    });

    const storeEnv: Record<string, string> = { DOCUMENTS_DIR: path.join(work, 'documents') };
    if (useS3) {
      const s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: path.join(work, 's3rver'), configureBuckets: [] });
      const { port } = await s3.run();
      stops.push(() => s3.close());
      Object.assign(storeEnv, { DOCUMENT_STORE: 's3', S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_BUCKET: 'bench', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' });
    }
    const apiPort = await findFreePort();
    const api = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'api', 'main.ts')], {
      env: { ...process.env, ...storeEnv, NODE_ENV: 'development', DATABASE_URL: databaseUrl, SMTP_URL: 'smtp://127.0.0.1:1', TEMPORAL_ADDRESS: '127.0.0.1:1', PORT: String(apiPort), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    stops.unshift(async () => {
      api.kill('SIGTERM');
      await new Promise((resolve) => api.once('exit', resolve));
    });
    await waitForHealth(apiPort);
    const login = await fetch(`http://127.0.0.1:${apiPort}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'intake', password: 'demo' }) });
    const { token } = (await login.json()) as { token: string };
    const pid = api.pid as number;

    const small = path.join(work, 'small.pdf');
    await writeFile(small, MB);
    const warm = JSON.parse((await uploadFile(apiPort, token, dossier.code, small)).body) as { contentUrl: string };
    await downloadSha(apiPort, token, warm.contentUrl);
    const rssWarm = peakRssMb(pid);

    const file = path.join(work, 'big.pdf');
    const sha = await writeFile(file, sizeMb * MB);
    let t0 = process.hrtime.bigint();
    const up = await uploadFile(apiPort, token, dossier.code, file);
    const upSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (up.status !== 201) throw new Error(`upload failed: ${up.status} ${up.body}`);
    const version = JSON.parse(up.body) as { contentUrl: string; sha256: string };
    const rssAfterUpload = peakRssMb(pid);
    t0 = process.hrtime.bigint();
    const downSha = await downloadSha(apiPort, token, version.contentUrl);
    const downSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const rssAfterDownload = peakRssMb(pid);

    console.log(`store: ${useS3 ? 'S3 (s3rver)' : 'folder'}; file: ${sizeMb} MB; sha256 intact: ${version.sha256 === sha && downSha === sha}`);
    console.log(`upload:   ${upSeconds.toFixed(2)} s, ${(sizeMb / upSeconds).toFixed(1)} MB/s`);
    console.log(`download: ${downSeconds.toFixed(2)} s, ${(sizeMb / downSeconds).toFixed(1)} MB/s`);
    console.log(`API peak RSS (VmHWM): after a 1 MB warm-up ${rssWarm.toFixed(0)} MB, after upload ${rssAfterUpload.toFixed(0)} MB, after download ${rssAfterDownload.toFixed(0)} MB`);
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
