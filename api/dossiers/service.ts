import { createHmac, randomBytes } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { dossierCodeFromBytes } from '../../domain/dossier-code';
import { ruleSetInForce } from '../../domain';
import { isoDateOf } from '../../db/dates';
import { todayInVietnam } from '../../infra/clock';
import { awaitRegistrationUpdate, dossierWorkflowId, type DossierWorkflowInput } from '../../workflows/dossier/api';
import type { dossierWorkflow } from '../../workflows/dossier/workflow';
import type { ApiDeps } from '../deps';
import { badRequest, notFound, unprocessable } from '../http/problem';
import type { DossierView, SubmitDossierRequest } from './schemas';

/** How long a submit waits for the worker to record the dossier before answering 202 instead of 201. */
const REGISTRATION_WAIT_MS = 15_000;

export type SubmitOutcome = { registered: true; dossier: DossierView } | { registered: false; code: string };

function newDossierCode(secret: string, idempotencyKey: string | undefined, principal: string): string {
  // Keyed with the server's secret: a client choosing predictable keys still cannot predict codes.
  const bytes = idempotencyKey ? createHmac('sha256', secret).update(`${principal}:${idempotencyKey}`).digest() : randomBytes(8);
  return dossierCodeFromBytes(bytes);
}

export async function submitDossier(
  deps: ApiDeps,
  request: SubmitDossierRequest,
  submittedBy: string,
  idempotencyKey: string | undefined,
): Promise<SubmitOutcome> {
  const today = todayInVietnam();
  const filedOn = request.receivedOn ?? today;
  if (filedOn > today) {
    throw badRequest('Ngày nhận không thể ở tương lai.', [{ field: 'receivedOn', message: `muộn nhất là ${today}` }]);
  }
  const cluster = await deps.prisma.cluster.findUnique({ where: { code: request.clusterCode } });
  if (!cluster) {
    const known = await deps.prisma.cluster.findMany({ select: { code: true }, orderBy: { code: 'asc' } });
    throw unprocessable(`Không có cụm công nghiệp mã ${request.clusterCode}.`, { knownClusterCodes: known.map((c) => c.code) });
  }
  let ruleSetId: string;
  try {
    ruleSetId = ruleSetInForce(filedOn).id;
  } catch (error) {
    throw badRequest(error instanceof Error ? error.message : String(error), [{ field: 'receivedOn', message: 'trước ngày áp dụng Nghị định 32/2024' }]);
  }

  const code = newDossierCode(deps.config.JWT_SECRET, idempotencyKey, submittedBy);
  const input: DossierWorkflowInput = {
    code,
    clusterCode: cluster.code,
    filedOn,
    ruleSetId,
    applicant: request.applicant,
    projectTitle: request.projectTitle,
    submittedBy,
  };
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof dossierWorkflow>('dossierWorkflow', {
    workflowId: dossierWorkflowId(code),
    taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
    args: [input],
    // A retried request with the same Idempotency-Key reaches the same workflow instead of a second one.
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  const registration = deps.temporal.workflow.executeUpdateWithStart(awaitRegistrationUpdate, { startWorkflowOperation });
  const registered = await Promise.race([
    registration.then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), REGISTRATION_WAIT_MS).unref()),
  ]);
  if (!registered) {
    registration.catch(() => undefined);
    return { registered: false, code };
  }
  return { registered: true, dossier: await getDossier(deps, code) };
}

export async function getDossier(deps: ApiDeps, code: string): Promise<DossierView> {
  const dossier = await deps.prisma.dossier.findUnique({
    where: { code },
    include: { cluster: true, applicant: true },
  });
  if (!dossier) throw notFound(`Không có hồ sơ mã ${code}. Kiểm tra lại mã (dạng CCN-XXXXX-XXXXX).`);
  const events = await deps.prisma.auditEvent.findMany({ where: { dossierCode: code }, orderBy: { id: 'asc' } });
  return {
    code: dossier.code,
    stage: dossier.stage,
    status: dossier.status,
    ruleSetId: dossier.ruleSetId,
    filedOn: isoDateOf(dossier.filedOn),
    projectTitle: dossier.projectTitle,
    cluster: { code: dossier.cluster.code, name: dossier.cluster.name, district: dossier.cluster.district },
    applicant: { name: dossier.applicant.name, taxCode: dossier.applicant.taxCode, email: dossier.applicant.contactEmail },
    version: dossier.version,
    deadlines: dossier.deadlines as DossierView['deadlines'],
    timeline: events.map((event) => ({
      at: event.occurredAt.toISOString(),
      actor: event.actor,
      action: event.action,
      oldValue: event.oldValue,
      newValue: event.newValue,
    })),
  };
}
