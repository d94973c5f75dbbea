/**
 * Time at scale for the cluster monitoring workflow (issue 11): prints, on scaled time,
 *   1. the history of one monitored cluster after `--years` simulated years with nothing recorded
 *      (every report and milestone reminded and overdue): events of the run in progress, runs
 *      (continue-as-new), events of all runs together;
 *   2. the worker's memory with `--clusters` monitored clusters waiting on their timers.
 *
 *   npm run bench:monitoring                                  # 10 years at 100 ms a day (the shortest day), 500 clusters
 *   npm run bench:monitoring -- --years 2 --clusters 100 --ms-per-day 100
 *
 * Starts its own embedded PostgreSQL, Temporal dev server and an in-process SMTP server; the worker
 * runs in this process (its RSS is this process's).
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, bundleWorkflowCode } from '@temporalio/worker';
import { SMTPServer } from 'smtp-server';
import { createPrismaClient } from '../db/client';
import { seedDemoAccounts } from '../db/seed/demo-accounts';
import { seedReferenceData } from '../db/seed/reference-data';
import { addDays } from '../domain';
import { CIRCULAR_14_2024_MONITORING } from '../domain/rules/monitoring-schedules';
import { createMailer } from '../infra/mailer';
import { applyMigrations } from '../infra/migrate';
import { ensureDatabase, startEmbeddedPostgres } from '../infra/postgres';
import { findFreePort } from '../infra/ports';
import { ensureTemporalBinary } from '../infra/temporal-binary';
import { startTemporalDevServer } from '../infra/temporal-server';
import { createWorker } from '../worker/create-worker';
import { clusterMonitoringWorkflowId, clusterSnapshotQuery, type ClusterMonitoringInput } from '../workflows/monitoring/api';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const YEARS = arg('years', 10);
const CLUSTERS = arg('clusters', 500);
const MS_PER_DAY = arg('ms-per-day', 100);
const DECIDED_ON = '2027-01-04';
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-monitoring-'));
  const binary = await ensureTemporalBinary((line) => console.log(line));
  if (binary) process.env.TEMPORAL_CLI_PATH = binary;
  const smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], onData: (stream, _s, done) => stream.on('data', () => undefined).on('end', () => done()) });
  const smtpPort = await findFreePort();
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
  const [postgres, temporal] = await Promise.all([
    findFreePort().then((port) => startEmbeddedPostgres({ dataDir: path.join(work, 'pg'), port, persistent: false })),
    findFreePort().then((port) => startTemporalDevServer({ port, uiPort: null, dbFile: null, logFile: path.join(work, 'temporal.log') })),
  ]);
  const url = await ensureDatabase(postgres.adminUrl, 'bench');
  await applyMigrations(url);
  const prisma = createPrismaClient(url, { maxConnections: 10 });
  await seedReferenceData(prisma);
  await seedDemoAccounts(prisma, 'demo', 'test');
  const mailer = createMailer(`smtp://127.0.0.1:${smtpPort}`, 'bench@example.vn');

  // One approved dossier per cluster (the read model the workflow's activities write to).
  const total = CLUSTERS + 1;
  const round = await prisma.cluster.findUniqueOrThrow({ where: { code: 'DH-LOC-GIANG-1' } });
  const sr = await prisma.selectionRound.create({ data: { code: 'BENCH-R1', clusterId: round.id, ruleSetId: 'decree-303-2026', openedOn: new Date(`${DECIDED_ON}T00:00:00Z`), status: 'DECIDED' } });
  const inputs: ClusterMonitoringInput[] = [];
  for (let i = 0; i < total; i++) {
    const code = `BENCH-${String(i).padStart(4, '0')}`;
    const cluster = await prisma.cluster.create({ data: { code, name: `CCN ${code}`, district: 'Đức Hòa', areaHa: 50 } });
    const applicant = await prisma.applicant.create({ data: { name: `Công ty ${code}`, taxCode: `9${String(i).padStart(9, '0')}`, contactEmail: `${code.toLowerCase()}@example.vn` } });
    await prisma.dossier.create({ data: { code: `CCN-${code}`, projectTitle: code, roundId: sr.id, clusterId: cluster.id, applicantId: applicant.id, ruleSetId: 'decree-303-2026', filedOn: new Date(`${DECIDED_ON}T00:00:00Z`), stage: 'MONITORING', status: 'APPROVED' } });
    // Cluster 0 runs the years on scaled time; the others wait on the real clock, as deployed clusters do.
    inputs.push({ clusterCode: code, roundCode: 'BENCH-R1', dossierCode: `CCN-${code}`, decidedOn: i === 0 ? DECIDED_ON : addDays(new Date().toISOString().slice(0, 10), -1), decidedBy: 'manager', schedule: CIRCULAR_14_2024_MONITORING, ...(i === 0 ? { msPerDay: MS_PER_DAY } : {}) });
  }

  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: undefined });
  const native = await NativeConnection.connect({ address: temporal.address });
  const worker = await createWorker({ connection: native, namespace: 'default', taskQueue: 'bench', deps: { prisma, mailer, config: { PUBLIC_BASE_URL: 'http://127.0.0.1' } } as never, dataConverter: {}, workflowBundle: { code: bundle.code } });
  const running = worker.run();
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection });
  const rssBefore = process.memoryUsage().rss;

  const started = Date.now();
  const handles = [];
  for (const input of inputs) handles.push(await client.workflow.start('clusterMonitoringWorkflow', { workflowId: clusterMonitoringWorkflowId('', input.clusterCode), taskQueue: 'bench', args: [input] }));
  for (const h of handles.slice(1)) for (;;) { if ((await h.query(clusterSnapshotQuery)).version >= 1) break; await new Promise((r) => setTimeout(r, 200)); }
  const rssClusters = process.memoryUsage().rss;
  console.log(`${CLUSTERS} clusters opened in ${((Date.now() - started) / 1000).toFixed(0)} s; worker RSS ${mb(rssBefore)} before, ${mb(rssClusters)} with ${CLUSTERS} clusters waiting (heap ${mb(process.memoryUsage().heapUsed)})`);

  const until = addDays(DECIDED_ON, Math.round(YEARS * 365.25));
  const scaled = handles[0]!;
  let last = '';
  let largest = 0;
  for (;;) {
    const s = await scaled.query(clusterSnapshotQuery);
    largest = Math.max(largest, (await scaled.fetchHistory()).events?.length ?? 0);
    if (s.nextPeriodEnd > until) break;
    if (s.nextPeriodEnd !== last) console.log(`  ${s.nextPeriodEnd.slice(0, 7)}: run ${s.run}, version ${s.version}, open items ${s.agenda.length}`);
    last = s.nextPeriodEnd;
    await new Promise((r) => setTimeout(r, 2_000));
  }
  const s = await scaled.query(clusterSnapshotQuery);
  const current = (await scaled.fetchHistory()).events?.length ?? 0;
  console.log(`after ${YEARS} simulated years: run ${s.run}, events in the run in progress ${current}, largest run seen ${largest} events, open items ${s.agenda.length}, state ${JSON.stringify(s).length} bytes`);
  console.log(`worker RSS at the end ${mb(process.memoryUsage().rss)} (peak ${fs.readFileSync('/proc/self/status', 'utf8').match(/VmHWM:\s+(\d+)/)?.[1]} kB)`);

  for (const h of handles) await h.terminate('kết thúc đo');
  worker.shutdown();
  await running;
  await native.close();
  await connection.close();
  await prisma.$disconnect();
  mailer.close();
  smtp.close();
  await temporal.stop();
  await postgres.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
