import { monthAgo, openAppraisal, waitForStage } from '../actions/support';
import request from 'supertest';
import type { ServiceProcess } from '../../../infra/service-process';
import { checkCompletenessUpdate } from '../../../workflows/dossier/api';
import { bearer, tokenFor } from '../../support/auth';
import { createTestStack, type TestStack } from '../../support/stack';
import { killProcessGroup, startWorkerProcess } from '../../support/worker-process';

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a worker killed with SIGKILL while a dossier waits for a person', () => {
  let stack: TestStack;
  const workers: ServiceProcess[] = [];

  beforeAll(async () => {
    stack = await createTestStack('crash');
  });
  afterAll(async () => {
    for (const worker of workers) await worker.stop(2_000);
    await stack.close();
  });

  it('loses nothing and writes nothing twice when a new worker finishes the step', async () => {
    workers.push(startWorkerProcess(stack.childEnv));
    const receivedOn = monthAgo();
    // The worker process is still starting: the round cannot admit the letter yet, so the API answers
    // 503 with Retry-After and the client retries with the same Idempotency-Key, as the README says.
    const submitOnce = async () =>
      request(stack.app)
        .post('/api/dossiers')
        .set(bearer(await tokenFor(stack, 'intake')))
        .set('Idempotency-Key', 'worker-crash-letter')
        .send({
          clusterCode: 'CD-TAN-CHANH-1',
          receivedOn,
          projectTitle: 'Hạ tầng CCN Tân Chánh 1',
          applicant: { name: 'HTX Cần Đước', taxCode: '1102223334', email: 'htx@example.vn' },
        });
    let created = await submitOnce();
    for (let attempt = 1; created.status === 503 && attempt < 8; attempt++) {
      expect(created.headers['retry-after']).toBeDefined();
      created = await submitOnce();
    }
    expect(created.status).toBe(201);
    const code: string = created.body.code;
    await stack.smtp.waitFor((m) => m.subject.includes(code));
    // The dossier now waits for its round: the acknowledgement is delivered and marked sent
    // (a kill inside the SMTP exchange itself: durability/mail-kill.test.ts).
    await waitUntil(async () => (await stack.prisma.mailOutbox.count({ where: { dossierCode: code, sentAt: { not: null } } })) === 1);

    const first = workers[0] as ServiceProcess;
    await killProcessGroup(first);

    workers.push(startWorkerProcess(stack.childEnv));
    // The new worker carries the round through its call and submission, and the dossier on.
    await openAppraisal(stack, created.body.round.code as string, receivedOn);
    await waitForStage(stack, code, 'COMPLETENESS_CHECK');
    const handle = stack.temporal.workflow.getHandle(code);
    const result = await handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake.officer', complete: true, expectedVersion: 1 }] });
    expect(result).toMatchObject({ code, stage: 'DEPARTMENT_OPINIONS', status: 'ACTIVE', version: 2 });

    expect(await stack.prisma.dossier.count({ where: { code } })).toBe(1);
    const actions = (await stack.prisma.auditEvent.findMany({ where: { dossierCode: code }, orderBy: { id: 'asc' } })).map((e) => e.action);
    // The dossier's own transitions, each once; completing it opened one task per consulted department, once.
    expect(actions.filter((a) => a.startsWith('round.') || a.startsWith('dossier.'))).toEqual(['dossier.filed', 'dossier.sent-for-appraisal', 'dossier.complete']);
    expect(await stack.prisma.task.count({ where: { dossier: { code }, kind: 'DEPARTMENT_OPINION' } })).toBe(result.opinionTasks.length);
    expect(await stack.prisma.mailOutbox.count({ where: { dossierCode: code, to: 'htx@example.vn' } })).toBe(1);
    expect(stack.smtp.messages.filter((m) => m.subject.includes(code) && m.to.includes('htx@example.vn'))).toHaveLength(1);
    const dossier = await stack.prisma.dossier.findUniqueOrThrow({ where: { code } });
    expect(dossier).toMatchObject({ stage: 'DEPARTMENT_OPINIONS', status: 'ACTIVE', version: 2 });
  });
});
