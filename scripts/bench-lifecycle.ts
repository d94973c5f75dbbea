/**
 * `npm run bench:lifecycle`: the engine's figures beside a bare Temporal workflow on the same dev
 * server (issue 13). Prints figures and ratios; asserts nothing; not part of `npm test`.
 *
 *   complete lifecycles/s and CPU seconds per lifecycle (every process of the run: PostgreSQL,
 *     Temporal, worker, API, this driver), median of interleaved runs (project, bare, project, …);
 *   history events per lifecycle, Updates and activities (the bare workflow gets the same counts);
 *   workflow starts/s over many submissions, and the worker's memory per open workflow after them;
 *   the worker's start with the workflow bundle built, then reused.
 *
 *   npm run bench:lifecycle                                  # 20 lifecycles, concurrency 10, 3 runs, 1,000 starts
 *   npm run bench:lifecycle -- --lifecycles 4 --concurrency 2 --runs 1 --starts 20   # a quick look
 * Warm `npm start` to healthy with many open workflows is `npm run bench:startup`.
 */
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DEFAULT_CACHED_WORKFLOWS } from '../worker/create-worker';
import { roundWorkflowId } from '../workflows/round/api';
import { activitiesPerStep, histories, historyShape, runBareLifecycle, startBare, type HistoryShape } from './bench-engine/bare';
import { ApiClient, fileLetter, runLifecycle } from './bench-engine/lifecycle';
import { loadAverage, treeCpuSeconds } from './bench-engine/processes';
import { startBenchStack, type Child } from './bench-engine/stack';
import { inPool, median, option, ratio, table } from './bench-engine/report';

const LIFECYCLES = option('lifecycles', 20);
const CONCURRENCY = option('concurrency', 10);
const RUNS = option('runs', 3);
const STARTS = option('starts', 1_000);
const BARE_QUEUE = 'bare-bench';
/** The project worker's WORKER_CACHED_WORKFLOWS for the run; 0 keeps its default (worker/create-worker.ts). */
const CACHED_WORKFLOWS = option('cached-workflows', 0);

interface RunFigures {
  perSecond: number;
  cpuPerLifecycle: number;
  /** CPU seconds per lifecycle of each watched process and server (its own tree); the rest is this driver's. */
  split: string;
  load: string;
}

const watched: Child[] = [];
const servers: { name: string; pid: number }[] = [];

async function measure(count: number, one: (i: number) => Promise<void>): Promise<RunFigures> {
  const cpu = treeCpuSeconds();
  const measured = [...watched, ...servers];
  const before = measured.map((child) => treeCpuSeconds(child.pid));
  const started = Date.now();
  await inPool(count, CONCURRENCY, one);
  const seconds = (Date.now() - started) / 1000;
  const total = (treeCpuSeconds() - cpu) / count;
  const own = measured.map((child, i) => (treeCpuSeconds(child.pid) - (before[i] ?? 0)) / count);
  const split = [...measured.map((child, i) => `${child.name} ${own[i]?.toFixed(2)}`), `this driver ${(total - own.reduce((a, b) => a + b, 0)).toFixed(2)}`].join(', ');
  return { perSecond: count / seconds, cpuPerLifecycle: total, split, load: loadAverage() };
}

async function main(): Promise<void> {
  console.log(`bench:lifecycle: ${LIFECYCLES} lifecycles, concurrency ${CONCURRENCY}, ${RUNS} interleaved runs, ${STARTS} starts; load ${loadAverage()}`);
  const stack = await startBenchStack('lifecycle');
  try {
    // The worker's start: first with a bundle to build (an empty cache), then with the one just built.
    const bundleEnv = { WORKFLOW_BUNDLE_DIR: path.join(stack.workDir, 'workflow-bundle'), ...(CACHED_WORKFLOWS ? { WORKER_CACHED_WORKFLOWS: String(CACHED_WORKFLOWS) } : {}) };
    Object.assign(stack.env, bundleEnv);
    const cold = await stack.startWorker();
    await cold.stop();
    const worker = await stack.startWorker();
    const api = await stack.startApi();
    const bareWorker = await stack.startBareWorker(BARE_QUEUE);
    watched.push(worker, api, bareWorker);
    servers.push(...stack.servers);
    console.log(`worker ready: ${(cold.readyMs / 1000).toFixed(1)} s building the workflow bundle, ${(worker.readyMs / 1000).toFixed(1)} s reusing it`);

    const connection = await Connection.connect({ address: stack.temporalAddress });
    const client = new Client({ connection });
    const http = new ApiClient([api.baseUrl]);
    const clusters = await stack.addClusters(1 + LIFECYCLES * RUNS + STARTS);
    let nextCluster = 0;
    const cluster = () => clusters[nextCluster++] as string;

    // Calibration: one lifecycle of each, counted from their histories.
    const first = await runLifecycle(http, cluster());
    const project = historyShape(await histories(client, [first.code, roundWorkflowId('', first.roundCode)]));
    const steps = activitiesPerStep(project);
    let bareId = 0;
    const nextBareId = () => `bare-${++bareId}`;
    const firstBare = nextBareId();
    await runBareLifecycle(client, BARE_QUEUE, firstBare, steps);
    const bare = historyShape(await histories(client, [firstBare]));

    const projectRuns: RunFigures[] = [];
    const bareRuns: RunFigures[] = [];
    const requestsBefore = http.requests;
    for (let run = 1; run <= RUNS; run++) {
      projectRuns.push(await measure(LIFECYCLES, async () => void (await runLifecycle(http, cluster()))));
      bareRuns.push(await measure(LIFECYCLES, () => runBareLifecycle(client, BARE_QUEUE, nextBareId(), steps)));
      console.log(`run ${run}: project ${projectRuns[run - 1]?.perSecond.toFixed(2)}/s, bare ${bareRuns[run - 1]?.perSecond.toFixed(2)}/s (load ${bareRuns[run - 1]?.load})`);
      console.log(`- CPU s per lifecycle, project: ${projectRuns[run - 1]?.split}`);
      console.log(`- CPU s per lifecycle, bare:    ${bareRuns[run - 1]?.split}`);
    }

    const requestsPerLifecycle = (http.requests - requestsBefore) / (LIFECYCLES * RUNS);
    // Starts: every submission opens a round and starts its dossier (two workflows); the bare one starts one with its first Update.
    const memory = async (child: Child) => child.memory();
    const projectBefore = await memory(worker);
    const projectStarts = await measure(STARTS, async () => void (await fileLetter(http, cluster())));
    const projectAfter = await memory(worker);
    const bareBefore = await memory(bareWorker);
    const bareStarts = await measure(STARTS, () => startBare(client, BARE_QUEUE, nextBareId(), steps));
    const bareAfter = await memory(bareWorker);
    const projectOpen = STARTS * 2;
    // RSS, not heap: workflows run in the SDK's workflow thread, whose heap process.memoryUsage() does not show.
    const rssKbPer = (before: { rssMb: number }, after: { rssMb: number }, count: number) => ((after.rssMb - before.rssMb) * 1024) / count;
    const projectCache = CACHED_WORKFLOWS || DEFAULT_CACHED_WORKFLOWS;
    const projectCached = Math.min(projectOpen, projectCache);
    const projectPerOpen = rssKbPer(projectBefore, projectAfter, projectOpen);
    const projectPerCached = rssKbPer(projectBefore, projectAfter, projectCached);
    // The bare worker keeps the SDK's default cache (about 2,300 here): every bare workflow stays cached.
    const barePerOpen = rssKbPer(bareBefore, bareAfter, STARTS);

    const mid = (runs: RunFigures[], key: keyof Omit<RunFigures, 'load' | 'split'>) => median(runs.map((r) => r[key]));
    const shapeLine = (shape: HistoryShape) => `${shape.events} events, ${shape.updates} Updates, ${shape.activities} activities`;
    console.log(`\nlifecycle shape: project ${shapeLine(project)} (dossier + round); bare ${shapeLine(bare)}`);
    console.log(`HTTP requests per project lifecycle: ${requestsPerLifecycle.toFixed(0)} (actions, uploads and the reads that wait for the workflow's own steps)`);
    console.log(`project activities by type: ${project.byType.map(([type, n]) => `${type} ${n}`).join(', ')}`);
    console.log(`project worker caches at most ${projectCache} workflows; bare worker: the SDK's default`);
    table(
      ['figure', 'project', 'bare', 'ratio', 'target'],
      [
        ['lifecycles/s (median)', mid(projectRuns, 'perSecond').toFixed(2), mid(bareRuns, 'perSecond').toFixed(2), ratio(mid(projectRuns, 'perSecond'), mid(bareRuns, 'perSecond')), '≥ 0.90'],
        ['CPU s per lifecycle (median)', mid(projectRuns, 'cpuPerLifecycle').toFixed(2), mid(bareRuns, 'cpuPerLifecycle').toFixed(2), ratio(mid(projectRuns, 'cpuPerLifecycle'), mid(bareRuns, 'cpuPerLifecycle')), '≤ 1.30'],
        ['history events per lifecycle', String(project.events), String(bare.events), ratio(project.events, bare.events), '≤ 1.10'],
        [`workflow starts/s (${STARTS} submissions)`, projectStarts.perSecond.toFixed(1), bareStarts.perSecond.toFixed(1), ratio(projectStarts.perSecond, bareStarts.perSecond), ''],
        [`worker RSS per open workflow (${projectOpen} / ${STARTS} open)`, `${projectPerOpen.toFixed(0)} kB`, `${barePerOpen.toFixed(0)} kB`, ratio(projectPerOpen, barePerOpen), '≤ 1.50'],
        [`worker RSS per cached workflow (${projectCached} / ${STARTS} cached)`, `${projectPerCached.toFixed(0)} kB`, `${barePerOpen.toFixed(0)} kB`, ratio(projectPerCached, barePerOpen), ''],
        ['worker RSS before / after the starts', `${projectBefore.rssMb.toFixed(0)} / ${projectAfter.rssMb.toFixed(0)} MB`, `${bareBefore.rssMb.toFixed(0)} / ${bareAfter.rssMb.toFixed(0)} MB`, '', ''],
      ],
    );
    console.log(`runs: ${projectRuns.map((r, i) => `${r.perSecond.toFixed(2)} vs ${bareRuns[i]?.perSecond.toFixed(2)}`).join('; ')}; load at end ${loadAverage()}`);
    await connection.close();
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
