/**
 * Helpers for driving dossiers through the action endpoints as the people would: sign in, submit,
 * read the dossier and the inbox (read model), post an action.
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { bearer, tokenFor } from '../../support/auth';
import type { TestStack } from '../../support/stack';
import { submitUntilRecorded } from '../../support/keyed-client';
import { uploadItems } from '../documents/support';

export const as = async (stack: TestStack, username: string) => bearer(await tokenFor(stack, username));

/** A fresh 10-digit tax code, so each dossier has its own applicant. */
export const taxCode = () => `11${String(randomBytes(4).readUInt32BE() % 100_000_000).padStart(8, '0')}`;

/** A month ago in Vietnam: a letter received then, with its call announced the same day, has a window already closed. */
export const monthAgo = () => new Date(Date.now() + 7 * 3_600_000 - 30 * 86_400_000).toISOString().slice(0, 10);

/** Polls GET /api/rounds/{code} until `predicate` holds. */
export async function waitForRound(stack: TestStack, code: string, predicate: (round: { stage: string; version: number; tasks: { kind: string; status: string }[] }) => boolean, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const response = await request(stack.app).get(`/api/rounds/${code}`).set(await as(stack, 'manager'));
    if (response.status === 200 && predicate(response.body)) return response.body as { stage: string; version: number };
    if (Date.now() > until) throw new Error(`round ${code}: condition not met: ${JSON.stringify(response.body)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A round action as a documented client sends it: keyed, and retried with the same key after a 503 (Retry-After). */
async function roundAction(stack: TestStack, username: string, roundCode: string, path: string, body: object): Promise<void> {
  const key = `${path}-${randomBytes(6).toString('hex')}`;
  for (let attempt = 1; ; attempt++) {
    const response = await request(stack.app).post(`/api/rounds/${roundCode}/${path}`).set(await as(stack, username)).set('Idempotency-Key', key).send(body);
    // After a 503 the action may have been applied all the same: the round has then moved past the step.
    if (response.status === 200 || (response.status === 409 && attempt > 1)) return;
    if (response.status !== 503 || attempt >= 6) throw new Error(`round ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  }
}

/** The commune PC's officer records the public call on the letter's own day, then sends the compiled dossiers to DOIT. */
export async function openAppraisal(stack: TestStack, roundCode: string, announcedOn: string): Promise<void> {
  const pending = await waitForRound(stack, roundCode, (r) => r.tasks.some((t) => t.kind === 'CALL_ANNOUNCEMENT' && t.status === 'OPEN'));
  await roundAction(stack, 'reviewer.commune_pc', roundCode, 'announcement', { announcedOn, publishedAt: 'Cổng thông tin điện tử tỉnh', expectedVersion: pending.version });
  const compiled = await waitForRound(stack, roundCode, (r) => r.tasks.some((t) => t.kind === 'DOSSIER_SUBMISSION' && t.status === 'OPEN'));
  await roundAction(stack, 'reviewer.commune_pc', roundCode, 'submission', { expectedVersion: compiled.version });
}

/**
 * Files a letter as the intake officer (POST /api/dossiers), received a month ago, and takes its
 * round through the call and the submission to DOIT (the window is then already over), so the
 * dossier waits at its completeness check. Returns its code.
 */
export async function submit(stack: TestStack, clusterCode: string): Promise<string> {
  const receivedOn = monthAgo();
  const letter = { clusterCode, receivedOn, projectTitle: 'Đầu tư hạ tầng kỹ thuật CCN', applicant: { name: 'Công ty CP Hạ tầng Thử nghiệm', taxCode: taxCode(), email: 'investor@example.vn' } };
  // Keyed and retried after a 503 (Temporal slow under load), as the README tells clients.
  const code = await submitUntilRecorded(stack.app, await as(stack, 'intake'), `letter-${randomBytes(6).toString('hex')}`, letter, []);
  const created = await request(stack.app).get(`/api/dossiers/${code}`).set(await as(stack, 'intake')).expect(200);
  await openAppraisal(stack, created.body.round.code as string, receivedOn);
  await waitForStage(stack, code, 'COMPLETENESS_CHECK');
  return code;
}

export async function act(stack: TestStack, username: string | null, code: string, path: string, body: object) {
  const call = request(stack.app).post(`/api/dossiers/${code}/${path}`);
  if (username) call.set(await as(stack, username));
  return call.send(body);
}

/**
 * `act` as a real client behaves: an opinion sent while the transition opening its task is still
 * being recorded gets a 409 NotOpenYet, and the documented answer is to retry shortly, which this
 * does for about 2 s. Any other refusal (a WrongStage too: the validators judge the state being
 * recorded) is the answer.
 */
export async function actAsClient(stack: TestStack, username: string | null, code: string, path: string, body: object) {
  for (let attempt = 1; ; attempt++) {
    const response = await act(stack, username, code, path, body);
    const catchingUp = response.status === 409 && response.body.reason === 'NotOpenYet';
    if (!catchingUp || attempt >= 10) return response;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface DossierRead {
  filedOn: string;
  stage: string;
  status: string;
  version: number;
}

export async function readDossier(stack: TestStack, code: string): Promise<DossierRead> {
  const response = await request(stack.app)
    .get(`/api/dossiers/${code}`)
    .set(await as(stack, 'manager'))
    .expect(200);
  return response.body as DossierRead;
}

/** Polls GET /api/dossiers/{code} until the dossier reaches `stage` (steps the workflow takes on its own). */
export async function waitForStage(stack: TestStack, code: string, stage: string, timeoutMs = 30_000): Promise<DossierRead> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const dossier = await readDossier(stack, code);
    if (dossier.stage === stage) return dossier;
    if (Date.now() > until) throw new Error(`${code} did not reach ${stage}: ${JSON.stringify(dossier)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The caller's open inbox task of `kind` on the dossier (GET /api/tasks), or undefined. */
export async function inboxTask(stack: TestStack, username: string, code: string, kind: string): Promise<{ version: number; departmentCode: string | null } | undefined> {
  const response = await request(stack.app)
    .get('/api/tasks')
    .set(await as(stack, username))
    .expect(200);
  const items = response.body.items as { dossierCode: string; kind: string; version: number; departmentCode: string | null }[];
  return items.find((item) => item.dossierCode === code && item.kind === kind);
}

/** The departments consulted on a dossier: those of the rule set in force on its filing date (GET /api/rule-sets/effective). */
export async function consultedDepartments(stack: TestStack, code: string): Promise<string[]> {
  const { filedOn } = await readDossier(stack, code);
  const response = await request(stack.app).get('/api/rule-sets/effective').query({ filedOn }).expect(200);
  return response.body.consultedDepartments as string[];
}

export const ELIGIBLE_FACTS = {
  legalStatus: { documentsValid: true, dissolving: false, suspended: false, underProsecution: false },
  totalInvestmentVnd: 800_000_000_000,
  equityVnd: 200_000_000_000,
  landAreaHa: 75,
  unremediedLandViolation: false,
  financialEvidence: ['audited-statements-2y', 'bank-commitment'],
  experienceEvidenceCertified: true,
};

export const criteria = (infrastructurePlan: number, environmentalProtectionPlan: number, capacityAndExperience: number, financialPlan: number) => ({
  infrastructurePlan,
  environmentalProtectionPlan,
  capacityAndExperience,
  financialPlan,
});

/** Takes a fresh dossier through completeness (its documents uploaded first) and every consulted department's opinion, to SCREENING. */
export async function toScreening(stack: TestStack, clusterCode: string): Promise<{ code: string; version: number }> {
  const code = await submit(stack, clusterCode);
  await uploadItems(stack, stack.app, code);
  const complete = await actAsClient(stack, 'intake', code, 'completeness', { complete: true, expectedVersion: (await readDossier(stack, code)).version });
  if (complete.status !== 200) throw new Error(`completeness: ${complete.status} ${JSON.stringify(complete.body)}`);
  for (const departmentCode of await consultedDepartments(stack, code)) {
    const reviewer = `reviewer.${departmentCode.toLowerCase()}`;
    const task = await inboxTask(stack, reviewer, code, 'DEPARTMENT_OPINION');
    const given = await actAsClient(stack, reviewer, code, 'opinions', { verdict: 'AGREE', text: 'Thống nhất.', taskVersion: task?.version ?? -1 });
    if (given.status !== 200) throw new Error(`opinion of ${departmentCode}: ${given.status} ${JSON.stringify(given.body)}`);
  }
  const screening = await waitForStage(stack, code, 'SCREENING');
  return { code, version: screening.version };
}

/** A dossier in the read model only (no workflow behind it), with a role task, for the checks made before Temporal. */
export async function insertReadModelDossier(
  stack: TestStack,
  options: { code: string; stage: 'SCREENING'; taskAssignee?: string | null },
): Promise<void> {
  const cluster = await stack.prisma.cluster.findUniqueOrThrow({ where: { code: 'DH-MY-HANH-BAC' } });
  const applicant = await stack.prisma.applicant.create({ data: { name: 'Công ty TNHH Chỉ trong sổ', taxCode: taxCode(), contactEmail: 'readmodel@example.vn' } });
  const filedOn = new Date('2026-10-01T00:00:00Z');
  const round = await stack.prisma.selectionRound.create({ data: { ...uniqueRound(cluster.code), clusterId: cluster.id, ruleSetId: 'decree-303-2026', openedOn: filedOn } });
  const dossier = await stack.prisma.dossier.create({
    data: {
      code: options.code,
      projectTitle: 'Dự án chỉ có trong sổ',
      roundId: round.id,
      clusterId: cluster.id,
      applicantId: applicant.id,
      ruleSetId: 'decree-303-2026',
      filedOn,
      stage: options.stage,
      status: 'ACTIVE',
      version: 7,
    },
  });
  const assignee = options.taskAssignee ? await stack.prisma.user.findUniqueOrThrow({ where: { username: options.taskAssignee } }) : null;
  await stack.prisma.task.create({ data: { dossierId: dossier.id, kind: 'ELIGIBILITY_SCREENING', role: 'APPRAISER', assigneeId: assignee?.id ?? null } });
}

/** Rows only (no workflow): each gets its own round number, as a cluster's rounds are numbered one by one. */
function uniqueRound(clusterCode: string): { number: number; code: string } {
  const number = 1000 + (randomBytes(2).readUInt16BE() % 9000);
  return { number, code: `${clusterCode}-R${number}` };
}
