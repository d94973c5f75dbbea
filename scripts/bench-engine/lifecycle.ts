/**
 * One complete dossier lifecycle through this project's real path, as its people's clients do it
 * over HTTP (README "Try it", workflows/README.md): the intake officer files the letter, the commune
 * PC's officer records the call and sends the dossiers to DOIT, the intake officer uploads its
 * documents (a small PDF per checklist item) and finds it complete,
 * every consulted department's reviewer agrees, the appraiser screens it, every voting council
 * member scores it, the appraiser reports the round and the manager approves. Steps the workflow
 * takes by itself are waited for by reading the dossier or the round back (polling), and every
 * action is keyed and retried as the README tells clients to (409 "not at that step yet", 503).
 */
import { randomBytes } from 'node:crypto';

const POLL_MS = 100;
const TIMEOUT_MS = 120_000;

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

interface TaskView {
  kind: string;
  status: string;
  departmentCode?: string | null;
  version?: number;
}

interface Readback {
  stage: string;
  version: number;
  tasks: TaskView[];
}

/** HTTP calls to one or more API processes, round-robin, with one sign-in per person. */
export class ApiClient {
  private next = 0;
  private readonly tokens = new Map<string, Promise<string>>();
  requests = 0;

  constructor(private readonly baseUrls: string[]) {}

  private base(): string {
    this.next = (this.next + 1) % this.baseUrls.length;
    return this.baseUrls[this.next] as string;
  }

  private token(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      token = this.raw('POST', '/api/auth/login', undefined, { username, password: 'demo' }).then((answer) => {
        if (answer.status !== 200) throw new Error(`sign-in of ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
        return answer.body.token as string;
      });
      this.tokens.set(username, token);
    }
    return token;
  }

  private async raw(method: string, path: string, headers: Record<string, string> | undefined, body?: object): Promise<Answer> {
    this.requests += 1;
    const send = () =>
      fetch(`${this.base()}${path}`, { method, headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers }, body: body ? JSON.stringify(body) : undefined });
    // A keep-alive socket the server closed just as it was reused (ECONNRESET) is sent again: GETs, and POSTs under their Idempotency-Key.
    const response = await send().catch(send);
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  async get(username: string, path: string): Promise<Answer> {
    return this.raw('GET', path, { Authorization: `Bearer ${await this.token(username)}` });
  }

  /** A keyed POST, retried with the same key after a 503 and while the workflow catches up with the read model (409 WrongStage / NotOpenYet). */
  async post(username: string, path: string, body: object): Promise<Answer> {
    const headers = { Authorization: `Bearer ${await this.token(username)}`, 'Idempotency-Key': `bench-${randomBytes(8).toString('hex')}` };
    const until = Date.now() + TIMEOUT_MS;
    let unavailable = false;
    for (;;) {
      const answer = await this.raw('POST', path, headers, body);
      const catchingUp = answer.status === 409 && ['WrongStage', 'NotOpenYet', 'InProgress'].includes(answer.body.reason as string);
      // After a 503 the action may have been applied all the same: its retry then answers a 409 for the step already taken.
      if (answer.status === 409 && unavailable) return { status: 200, body: answer.body };
      if (!(catchingUp || answer.status === 503) || Date.now() > until) return answer;
      unavailable ||= answer.status === 503;
      await sleep(answer.status === 503 ? 500 : POLL_MS);
    }
  }

  /** A document upload (multipart), as the intake officer's screen sends it. */
  async upload(username: string, path: string, item: string, file: Buffer, fileName: string): Promise<Answer> {
    const form = new FormData();
    form.append('item', item);
    form.append('file', new Blob([file], { type: 'application/pdf' }), fileName);
    this.requests += 1;
    const response = await fetch(`${this.base()}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${await this.token(username)}` }, body: form });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /**
   * An action on what the person sees: reads `path` back until `ready`, posts the action built from
   * that view, and on a 409 StaleVersion (the procedure moved on by itself meanwhile) reloads and
   * tries again, as the problem's detail tells the person to.
   */
  async actOn(path: string, ready: (view: Readback) => boolean, username: string, action: string, body: (view: Readback) => object): Promise<Answer> {
    for (let attempt = 1; ; attempt++) {
      const view = await this.waitFor(path, ready);
      const answer = await this.post(username, `${path}/${action}`, body(view));
      if (answer.status !== 409 || answer.body.reason !== 'StaleVersion' || attempt >= 20) return expectOk(action, answer);
    }
  }

  /** Reads `path` back until `predicate` holds. */
  async waitFor(path: string, predicate: (view: Readback) => boolean): Promise<Readback> {
    const until = Date.now() + TIMEOUT_MS;
    for (;;) {
      const answer = await this.get('manager', path);
      if (answer.status === 200 && predicate(answer.body as unknown as Readback)) return answer.body as unknown as Readback;
      if (Date.now() > until) throw new Error(`${path}: still ${JSON.stringify(answer.body).slice(0, 400)}`);
      await sleep(POLL_MS);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function expectOk(what: string, answer: Answer): Answer {
  if (answer.status !== 200 && answer.status !== 201) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 400)}`);
  return answer;
}

const openTask = (kind: string) => (view: Readback) => view.tasks.some((t) => t.kind === kind && t.status === 'OPEN');

/** A month ago in Vietnam: with the call announced that day, the application window is already over. */
export const monthAgo = () => new Date(Date.now() + 7 * 3_600_000 - 30 * 86_400_000).toISOString().slice(0, 10);

const ELIGIBLE_FACTS = {
  legalStatus: { documentsValid: true, dissolving: false, suspended: false, underProsecution: false },
  totalInvestmentVnd: 800_000_000_000,
  equityVnd: 200_000_000_000,
  landAreaHa: 50,
  unremediedLandViolation: false,
  financialEvidence: ['audited-statements-2y', 'bank-commitment'],
  experienceEvidenceCertified: true,
};
/** Each mandatory item of the checklist and one financial paper: a complete dossier under every released checklist. */
const COMPLETE_SET = ['APPLICATION_LETTER', 'INVESTMENT_REPORT', 'LEGAL_STATUS', 'BANK_COMMITMENT', 'EXPERIENCE_EVIDENCE', 'INFRASTRUCTURE_PLAN', 'ENVIRONMENTAL_PLAN', 'FINANCIAL_PLAN'];
const VOTING_MEMBERS = ['chair', 'vicechair.doit', 'vicechair.dof', 'member.doc'];
const SHEET = { infrastructurePlan: 12, environmentalProtectionPlan: 12, capacityAndExperience: 25, financialPlan: 33 };

/** The intake officer files a letter for `clusterCode`; resolves once the API acknowledged it (201, or 202 and then recorded). */
export async function fileLetter(api: ApiClient, clusterCode: string, receivedOn = monthAgo()): Promise<{ code: string; roundCode: string }> {
  const taxCode = `11${String(randomBytes(4).readUInt32BE() % 100_000_000).padStart(8, '0')}`;
  const filed = await api.post('intake', '/api/dossiers', {
    clusterCode,
    receivedOn,
    projectTitle: 'Đầu tư hạ tầng kỹ thuật CCN (thử tải)',
    applicant: { name: 'Công ty CP Hạ tầng Thử tải', taxCode, email: 'investor@example.vn' },
  });
  if (filed.status !== 201 && filed.status !== 202) throw new Error(`submission: ${filed.status} ${JSON.stringify(filed.body).slice(0, 400)}`);
  const code = filed.body.code as string;
  // 202: started but not yet recorded by the worker; the dossier (with its round) is read once it is.
  const dossier = filed.status === 201 ? filed.body : ((await api.waitFor(`/api/dossiers/${code}`, () => true)) as unknown as Record<string, unknown>);
  return { code, roundCode: (dossier.round as { code: string }).code };
}

/** One lifecycle, from the letter to MONITORING / APPROVED. Returns the dossier and round codes. */
export async function runLifecycle(api: ApiClient, clusterCode: string): Promise<{ code: string; roundCode: string }> {
  const receivedOn = monthAgo();
  const { code, roundCode } = await fileLetter(api, clusterCode, receivedOn);
  const dossier = `/api/dossiers/${code}`;
  const round = `/api/rounds/${roundCode}`;

  await api.actOn(round, openTask('CALL_ANNOUNCEMENT'), 'reviewer.commune_pc', 'announcement', (r) => ({ announcedOn: receivedOn, publishedAt: 'Cổng thông tin điện tử tỉnh', expectedVersion: r.version }));
  await api.actOn(round, openTask('DOSSIER_SUBMISSION'), 'reviewer.commune_pc', 'submission', (r) => ({ expectedVersion: r.version }));

  await api.waitFor(dossier, (d) => d.stage === 'COMPLETENESS_CHECK');
  for (const item of COMPLETE_SET) {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2_039)]);
    const uploaded = await api.upload('intake', `${dossier}/documents`, item, pdf, `${item.toLowerCase()}.pdf`);
    if (uploaded.status !== 201) expectOk(`upload of ${item}`, uploaded);
  }
  await api.actOn(dossier, (d) => d.stage === 'COMPLETENESS_CHECK', 'intake', 'completeness', (d) => ({ complete: true, expectedVersion: d.version }));
  // Read back rather than taken from the answer, which a retry after a 503 does not carry.
  const opening = await api.waitFor(dossier, (d) => d.stage === 'DEPARTMENT_OPINIONS' && openTask('DEPARTMENT_OPINION')(d));
  const opinionTasks = opening.tasks.filter((t) => t.kind === 'DEPARTMENT_OPINION' && t.status === 'OPEN');
  for (const task of opinionTasks) {
    const reviewer = `reviewer.${String(task.departmentCode).toLowerCase()}`;
    expectOk(`opinion of ${task.departmentCode}`, await api.post(reviewer, `${dossier}/opinions`, { verdict: 'AGREE', text: 'Thống nhất.', taskVersion: task.version }));
  }

  await api.actOn(dossier, (d) => d.stage === 'SCREENING', 'appraiser', 'screening', (d) => ({ facts: ELIGIBLE_FACTS, expectedVersion: d.version }));
  for (const member of VOTING_MEMBERS) expectOk(`score of ${member}`, await api.post(member, `${dossier}/scores`, { criteria: SHEET }));

  await api.waitFor(dossier, (d) => d.stage === 'APPRAISAL_REPORT');
  await api.actOn(round, (r) => r.stage === 'REPORT' && openTask('APPRAISAL_REPORT')(r), 'appraiser', 'report', (r) => ({ summary: 'Đề xuất chọn nhà đầu tư.', expectedVersion: r.version }));
  await api.actOn(round, (r) => r.stage === 'DECISION', 'manager', 'decision', (r) => ({ outcome: 'APPROVE', expectedVersion: r.version }));
  await api.waitFor(dossier, (d) => d.stage === 'MONITORING');
  return { code, roundCode };
}
