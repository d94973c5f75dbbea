/**
 * `npm run bench:scale-out`: several API processes and several workers against one Temporal dev
 * server and one PostgreSQL on this machine. Runs the same batch of complete lifecycles with 1, 2, …
 * workers (the API processes take the requests round-robin), prints lifecycles/s for each, then
 * checks that nothing was processed twice: one dossier per letter, the same audit rows per dossier,
 * one mail per outbox row (no Message-ID twice), one closed workflow per dossier and round.
 * Prints figures; asserts nothing (a failed check is printed as such, and the exit code is 1).
 *
 *   npm run bench:scale-out                                   # 2 APIs, 1–3 workers, 20 lifecycles each
 *   npm run bench:scale-out -- --apis 2 --workers 2 --lifecycles 6 --concurrency 6
 */
import { Client, Connection } from '@temporalio/client';
import { ApiClient, runLifecycle } from './bench-engine/lifecycle';
import { loadAverage, treeCpuSeconds } from './bench-engine/processes';
import { inPool, option, table } from './bench-engine/report';
import { startBenchStack } from './bench-engine/stack';

const APIS = option('apis', 2);
const WORKERS = option('workers', 3);
const LIFECYCLES = option('lifecycles', 20);
const CONCURRENCY = option('concurrency', 10);

async function main(): Promise<void> {
  console.log(`bench:scale-out: ${APIS} API processes, 1–${WORKERS} workers, ${LIFECYCLES} lifecycles per step, concurrency ${CONCURRENCY}; load ${loadAverage()}`);
  const stack = await startBenchStack('scale-out');
  let failed = false;
  try {
    const apis = [];
    for (let i = 0; i < APIS; i++) apis.push(await stack.startApi());
    const http = new ApiClient(apis.map((api) => api.baseUrl));
    const clusters = await stack.addClusters(LIFECYCLES * WORKERS);
    const rows: string[][] = [];
    const workers = [];
    let filed = 0;
    for (let count = 1; count <= WORKERS; count++) {
      workers.push(await stack.startWorker());
      const cpu = treeCpuSeconds();
      const started = Date.now();
      await inPool(LIFECYCLES, CONCURRENCY, async () => void (await runLifecycle(http, clusters[filed++] as string)));
      const seconds = (Date.now() - started) / 1000;
      rows.push([String(count), String(APIS), (LIFECYCLES / seconds).toFixed(2), ((treeCpuSeconds() - cpu) / LIFECYCLES).toFixed(2), loadAverage()]);
      console.log(`${count} worker(s): ${(LIFECYCLES / seconds).toFixed(2)} lifecycles/s`);
    }
    table(['workers', 'API processes', 'lifecycles/s', 'CPU s per lifecycle', 'load'], rows);

    // Nothing processed twice, once every workflow has finished its last steps (the round closes after its dossiers).
    const connection = await Connection.connect({ address: stack.temporalAddress });
    const client = new Client({ connection });
    const completed = async (type: string) => (await client.workflow.count(`WorkflowType="${type}" AND ExecutionStatus="Completed"`)).count;
    for (let waited = 0; waited < 60 && ((await completed('dossierWorkflow')) < filed || (await completed('roundWorkflow')) < filed); waited++) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    const closedDossiers = await completed('dossierWorkflow');
    const closedRounds = await completed('roundWorkflow');
    await connection.close();
    const dossiers = await stack.prisma.dossier.count({ where: { cluster: { code: { startsWith: 'BENCH-' } } } });
    const auditPerDossier = await stack.prisma.auditEvent.groupBy({ by: ['dossierCode', 'entityType'], where: { dossierCode: { not: null } }, _count: { _all: true } });
    const auditCounts = new Map<string, Set<number>>();
    for (const row of auditPerDossier) auditCounts.set(row.entityType, (auditCounts.get(row.entityType) ?? new Set()).add(row._count._all));
    const outboxSent = await stack.prisma.mailOutbox.count({ where: { sentAt: { not: null } } });
    const inDoubt = await stack.prisma.mailOutbox.findMany({ where: { attempts: { gt: 1 } }, select: { idempotencyKey: true, attempts: true, lastError: true } });
    const messageIds = new Set(stack.mails.map((m) => m.messageId));
    const auditLine = [...auditCounts].map(([type, counts]) => `${type}: ${[...counts].join(' or ')}`).join('; ');
    const checks: [string, boolean, string][] = [
      ['one dossier per letter', dossiers === filed, `${dossiers} dossiers, ${filed} letters`],
      ['the same audit rows for every dossier', [...auditCounts.values()].every((counts) => counts.size === 1), `per dossier and entity: ${auditLine}`],
      ['every sent outbox row reached SMTP once', stack.mails.length === outboxSent && messageIds.size === stack.mails.length, `${stack.mails.length} mails received, ${messageIds.size} Message-IDs, ${outboxSent} outbox rows sent; sent in more than one attempt: ${JSON.stringify(inDoubt)}`],
      ['one completed workflow per dossier and round', closedDossiers === filed && closedRounds === filed, `${closedDossiers} dossier and ${closedRounds} round workflows completed`],
    ];
    for (const [what, ok, detail] of checks) {
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}: ${detail}`);
      failed ||= !ok;
    }
  } finally {
    await stack.stop();
  }
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
