/**
 * Helpers for the workflow scenarios: start a dossier workflow straight through the Temporal client
 * (with a scaled day so durable timers fire in seconds), create staff users, drive Updates, record
 * finished histories as replay fixtures (UPDATE_HISTORY_FIXTURES=1).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { createWorkingDayCalendar, type ApplicantFacts, type CriterionKey, type WorkingDayCalendar } from '../../../domain';
import { seedVietnamCalendar } from '../../../domain/calendar/seed';
import type { PrismaClient } from '../../../generated/prisma/client';
import { appraisalStartSignal, awaitRegistrationUpdate, giveOpinionUpdate, snapshotQuery, type DossierSnapshot, type DossierWorkflowInput } from '../../../workflows/dossier/api';
import { roundCode } from '../../../workflows/round/api';
import type { dossierWorkflow } from '../../../workflows/dossier/workflow';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { createPrismaClient } from '../../../db/client';
import { loadConfig } from '../../../infra/config';
import { createMailer, type Mailer } from '../../../infra/mailer';
import { createDatabaseFromTemplate, dropDatabase } from '../../../infra/postgres';
import { createWorker, type WorkerSetup } from '../../../worker/create-worker';
import { testDataConverter } from '../../support/payload-keys';
import { startSmtpCatcher, type SmtpCatcher } from '../../support/smtp';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: integration tests run through jest's integration project (npm test)`);
  return value;
}

/**
 * What a workflow scenario needs: its own database (a copy of the migrated template), task queue,
 * SMTP server, Temporal client and in-process worker. No HTTP app: the scenarios drive the
 * workflow through the Temporal client, as the API will.
 */
export interface WorkflowStack {
  prisma: PrismaClient;
  smtp: SmtpCatcher;
  mailer: Mailer;
  temporal: Client;
  taskQueue: string;
  worker: Worker;
  /** Stops the in-process worker (drains it); the workflows wait on the server meanwhile. */
  stopWorker(): Promise<void>;
  /** Starts a new in-process worker on the same task queue. */
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

export async function createWorkflowStack(label: string, options: Pick<WorkerSetup, 'wrapActivities'> = {}): Promise<WorkflowStack> {
  const adminUrl = required('TEST_DATABASE_ADMIN_URL');
  const suffix = randomBytes(4).toString('hex');
  const databaseName = `t_${label.replace(/\W/g, '_').toLowerCase()}_${suffix}`;
  const databaseUrl = await createDatabaseFromTemplate(adminUrl, databaseName, required('TEST_TEMPLATE_DATABASE'));
  const taskQueue = `test-${label}-${suffix}`;
  const address = required('TEMPORAL_ADDRESS');
  const smtp = await startSmtpCatcher();
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: taskQueue, SMTP_URL: smtp.url, LOG_LEVEL: 'warn' });
  const prisma = createPrismaClient(databaseUrl, { maxConnections: 5 });
  const mailer = createMailer(smtp.url, config.MAIL_FROM);
  const connection = await Connection.connect({ address });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: testDataConverter() });
  const nativeConnection = await NativeConnection.connect({ address });
  const bundle = { code: fs.readFileSync(required('WORKFLOW_BUNDLE_PATH'), 'utf8') };
  const start = async () => {
    const worker = await createWorker({ connection: nativeConnection, namespace: config.TEMPORAL_NAMESPACE, taskQueue, deps: { prisma, mailer, config }, dataConverter: testDataConverter(), workflowBundle: bundle, ...options });
    return { worker, running: worker.run() };
  };
  let current: { worker: Worker; running: Promise<void> } | null = await start();
  const stop = async () => {
    if (!current) return;
    if (current.worker.getState() === 'RUNNING') current.worker.shutdown();
    await current.running;
    current = null;
  };
  return {
    prisma,
    smtp,
    mailer,
    temporal,
    taskQueue,
    get worker() {
      if (!current) throw new Error('no worker running');
      return current.worker;
    },
    stopWorker: stop,
    async startWorker() {
      if (!current) current = await start();
    },
    async close() {
      await stop();
      await nativeConnection.close();
      await connection.close();
      await prisma.$disconnect();
      mailer.close();
      await smtp.stop();
      await dropDatabase(adminUrl, databaseName);
    },
  };
}

export type DossierHandle = WorkflowHandle<typeof dossierWorkflow>;

export const HISTORY_FIXTURES_DIR = path.join(__dirname, '..', '..', 'fixtures', 'histories');

/** The seeded calendar, with administrator entries over it. */
export function calendar(overrides: { date: string; working: boolean; reason: string }[] = []): WorkingDayCalendar {
  return createWorkingDayCalendar([...seedVietnamCalendar(), ...overrides]);
}

export interface StartOptions {
  /** A code the API accepts (CCN-XXXXX-XXXXX), for a dossier a browser opens; by default a test-only code. */
  code?: string;
  filedOn?: string;
  ruleSetId?: string;
  msPerDay: number;
  clusterCode?: string;
  taxCode?: string;
  email?: string;
}

/**
 * A dossier's workflow on its own, as its round would start it, for scenarios of the dossier's own
 * steps: its round's row is put in the read model directly, and (unless `awaitSubmission`) the
 * round's "sent to DOIT" signal is sent at once. Round scenarios go through the round workflow.
 */
export async function startDossier(stack: Pick<WorkflowStack, 'prisma' | 'temporal' | 'taskQueue'>, options: StartOptions & { awaitSubmission?: boolean }): Promise<{ handle: DossierHandle; input: DossierWorkflowInput }> {
  const suffix = randomBytes(4).toString('hex').toUpperCase();
  const input: DossierWorkflowInput = {
    code: options.code ?? `CCN-T${suffix.slice(0, 4)}-${suffix.slice(4)}${randomBytes(1).toString('hex').toUpperCase()}`,
    clusterCode: options.clusterCode ?? 'DH-LOC-GIANG-1',
    filedOn: options.filedOn ?? '2026-10-05',
    ruleSetId: options.ruleSetId ?? 'decree-303-2026',
    applicant: {
      name: 'Công ty CP Hạ tầng Thử nghiệm',
      taxCode: options.taxCode ?? `11${String(parseInt(suffix, 16) % 100_000_000).padStart(8, '0')}`,
      email: options.email ?? 'investor@example.vn',
    },
    projectTitle: 'Đầu tư hạ tầng kỹ thuật CCN thử nghiệm',
    submittedBy: 'intake.officer',
    msPerDay: options.msPerDay,
    roundCode: roundCode(options.clusterCode ?? 'DH-LOC-GIANG-1', 1),
  };
  const cluster = await stack.prisma.cluster.findUniqueOrThrow({ where: { code: input.clusterCode } });
  await stack.prisma.selectionRound.upsert({
    where: { code: input.roundCode },
    create: { code: input.roundCode, number: 1, clusterId: cluster.id, ruleSetId: input.ruleSetId, openedOn: new Date(`${input.filedOn}T00:00:00Z`), status: 'APPRAISAL' },
    update: {},
  });
  const handle = await stack.temporal.workflow.start<typeof dossierWorkflow>('dossierWorkflow', {
    workflowId: input.code,
    taskQueue: stack.taskQueue,
    args: [input],
  });
  await handle.executeUpdate(awaitRegistrationUpdate);
  if (!options.awaitSubmission) {
    await handle.signal(appraisalStartSignal, { submittedOn: input.filedOn });
    await waitForSnapshot(handle, (s) => s.stage === 'COMPLETENESS_CHECK');
  }
  return { handle, input };
}

export async function createUser(
  prisma: PrismaClient,
  user: { username: string; role: 'INTAKE_OFFICER' | 'REVIEWER' | 'APPRAISER' | 'COUNCIL_MEMBER' | 'MANAGER'; departmentCode?: string; email?: string; seat?: 'CHAIR' | 'VICE_CHAIR' | 'MEMBER' | 'SECRETARY' },
): Promise<void> {
  const department = user.departmentCode ? await prisma.department.findUniqueOrThrow({ where: { code: user.departmentCode } }) : null;
  await prisma.user.create({
    data: {
      username: user.username,
      passwordHash: 'not-a-real-hash',
      fullName: `Cán bộ ${user.username}`,
      email: user.email ?? `${user.username}@example.gov.vn`,
      departmentId: department?.id ?? null,
      roles: { create: [{ role: user.role }] },
      // A council member holds a standing seat (voting unless secretary): scoring closes once every voting seat scored.
      ...(user.role === 'COUNCIL_MEMBER' ? { councilSeats: { create: [{ councilRole: user.seat ?? 'MEMBER' }] } } : {}),
    },
  });
}

/** Polls the workflow's snapshot until `predicate` holds. */
export async function waitForSnapshot(handle: DossierHandle, predicate: (s: DossierSnapshot) => boolean, timeoutMs = 60_000): Promise<DossierSnapshot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const snapshot = await handle.query(snapshotQuery);
    if (predicate(snapshot)) return snapshot;
    if (Date.now() > deadline) throw new Error(`snapshot condition not met in ${timeoutMs} ms: ${JSON.stringify(snapshot)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function giveOpinions(handle: DossierHandle, snapshot: DossierSnapshot, except: string[] = []): Promise<void> {
  for (const task of snapshot.opinionTasks) {
    if (except.includes(task.departmentCode)) continue;
    await handle.executeUpdate(giveOpinionUpdate, {
      args: [{ actor: `reviewer.${task.departmentCode.toLowerCase()}`, departmentCode: task.departmentCode, verdict: 'AGREE', text: 'Thống nhất.', taskVersion: task.version }],
    });
  }
}

export const ELIGIBLE_FACTS: ApplicantFacts = {
  legalStatus: { documentsValid: true, dissolving: false, suspended: false, underProsecution: false },
  totalInvestmentVnd: 800_000_000_000,
  equityVnd: 200_000_000_000,
  landAreaHa: 75,
  unremediedLandViolation: false,
  financialEvidence: ['audited-statements-2y', 'bank-commitment'],
  experienceEvidenceCertified: true,
};

export function criteria(infrastructurePlan: number, environmentalProtectionPlan: number, capacityAndExperience: number, financialPlan: number): Record<CriterionKey, number> {
  return { infrastructurePlan, environmentalProtectionPlan, capacityAndExperience, financialPlan };
}

/** Writes a finished workflow's history as a replay fixture when UPDATE_HISTORY_FIXTURES=1. */
export async function recordHistoryFixture(handle: Pick<DossierHandle, 'fetchHistory'>, name: string): Promise<void> {
  if (process.env.UPDATE_HISTORY_FIXTURES !== '1') return;
  const history = await handle.fetchHistory();
  fs.mkdirSync(HISTORY_FIXTURES_DIR, { recursive: true });
  fs.writeFileSync(path.join(HISTORY_FIXTURES_DIR, `${name}.json`), `${JSON.stringify(JSON.parse(historyToJSON(history)))}\n`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
