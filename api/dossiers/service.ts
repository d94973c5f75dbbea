import { createHmac, randomBytes } from 'node:crypto';
import { dossierCodeFromBytes } from '../../domain/dossier-code';
import { ruleSetById, ruleSetInForce } from '../../domain';
import { todayInVietnam } from '../../infra/clock';
import { awaitRegistrationUpdate, dossierWorkflowId, type DossierWorkflowInput } from '../../workflows/dossier/api';
import type { dossierWorkflow } from '../../workflows/dossier/workflow';
import type { ApiDeps } from '../deps';
import { badRequest, unprocessable } from '../http/problem';
import { placeInRound } from './admission';
import { getDossier } from './view';
import type { DossierView, SubmitDossierRequest } from './schemas';

/** All Temporal calls of one submission end by then: Temporal down or slow is a 503 within the request deadline. */
const TEMPORAL_DEADLINE_MS = 15_000;
/** How long a submit waits for the worker to record the dossier before answering 202 instead of 201. */
const REGISTRATION_WAIT_MS = 5_000;

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
  if (await deps.prisma.dossier.findUnique({ where: { code }, select: { id: true } })) return { registered: true, dossier: await getDossier(deps, code) };
  const letter: DossierWorkflowInput = {
    code,
    clusterCode: cluster.code,
    filedOn,
    ruleSetId,
    ruleSet: ruleSetById(ruleSetId),
    applicant: request.applicant,
    projectTitle: request.projectTitle,
    submittedBy,
  };
  const deadline = Date.now() + TEMPORAL_DEADLINE_MS;
  const beforeDeadline = <T>(call: () => Promise<T>) => deps.temporal.connection.withDeadline(deadline, call);
  // The round admits the letter and starts its dossier's workflow; a refused letter is still a dossier, with its reason.
  const placement = await beforeDeadline(() => placeInRound(deps, letter, {}));
  const input: DossierWorkflowInput = { ...letter, roundCode: placement.roundCode, ...(placement.refusal ? { refusal: placement.refusal } : {}) };
  // Acknowledged only once Temporal has durably recorded the start: an error or the deadline here is
  // a 503 (nothing acknowledged) and the retry with the same key reaches this same, idempotent start.
  const handle = await beforeDeadline(() =>
    deps.temporal.workflow.start<typeof dossierWorkflow>('dossierWorkflow', {
      workflowId: dossierWorkflowId(code),
      taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
      args: [input],
      // A retried request with the same Idempotency-Key reaches the same workflow instead of a second one.
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  );
  // From here the dossier exists in Temporal; waiting for the worker to record it only decides 201 or 202.
  const registrationDeadline = Math.min(deadline, Date.now() + REGISTRATION_WAIT_MS);
  const recorded = await deps.temporal.connection.withDeadline(registrationDeadline, () => handle.executeUpdate(awaitRegistrationUpdate)).then(
    () => true,
    async () => (await deps.prisma.dossier.findUnique({ where: { code }, select: { id: true } })) !== null,
  );
  if (!recorded) return { registered: false, code };
  return { registered: true, dossier: await getDossier(deps, code) };
}

export { getDossier } from './view';
