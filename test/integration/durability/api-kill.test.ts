/**
 * The API process (api/main.ts) SIGKILLed while keyed requests are in flight, then started again,
 * as its supervisor does: the client retries with the same keys (connection refused, 503 and 409
 * InProgress are retried), and every submission ends in one dossier with one acknowledgement, a
 * withdrawal sent as the API died is applied once and its retry gets the 200, never another 5xx.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '../../../infra/ports';
import type { ServiceProcess } from '../../../infra/service-process';
import { monthAgo, openAppraisal, taxCode, waitForStage } from '../actions/support';
import { ApiProcess, tally, type Outcome } from '../../support/api-process';
import { TEST_DEMO_PASSWORD } from '../../support/auth';
import { createTestStack, type TestStack } from '../../support/stack';
import { startWorkerProcess } from '../../support/worker-process';

describe('the API SIGKILLed during keyed requests', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccn-api-kill-'));
  let stack: TestStack;
  let api: ApiProcess;
  let worker: ServiceProcess;

  beforeAll(async () => {
    stack = await createTestStack('api-kill');
    api = new ApiProcess({ ...stack.childEnv, HOST: '127.0.0.1', DATA_DIR: dataDir, JWT_SECRET: stack.deps.config.JWT_SECRET }, await findFreePort());
    worker = startWorkerProcess(stack.childEnv);
    api.start();
    await api.untilUp();
  });
  afterAll(async () => {
    await api.stop();
    await worker.stop(5_000);
    await stack.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('applies every keyed request exactly once through the crash', async () => {
    const auth = await api.signIn('intake', TEST_DEMO_PASSWORD);
    const outcomes: Outcome[] = [];
    const receivedOn = monthAgo();
    const letter = (n: number) => ({
      // The dossier to withdraw has its own cluster: its round closes its window before the others are filed.
      clusterCode: n === 0 ? 'CD-PHUOC-TUY-1' : 'TTR-TAN-BINH-2',
      receivedOn,
      projectTitle: `Hạ tầng CCN Phước Tuy 1, phương án ${n}`,
      applicant: { name: `Công ty Cần Đước số ${n}`, taxCode: taxCode(), email: `canduoc${n}@example.vn` },
    });
    const untilFinal = (url: string, key: string, body: object, final: number) => api.untilFinal(auth, url, key, body, final, outcomes);

    const filed = await untilFinal('/api/dossiers', 'api-kill-0', letter(0), 201);
    const withdrawn = filed.code as string;
    // Withdrawal is taken once the dossier is being appraised: the round's call, window and submission first.
    await openAppraisal(stack, (filed.round as { code: string }).code, receivedOn);
    await waitForStage(stack, withdrawn, 'COMPLETENESS_CHECK');
    const submissions = [1, 2, 3].map((n) => untilFinal('/api/dossiers', `api-kill-${n}`, letter(n), 201));
    const withdrawal = untilFinal(`/api/dossiers/${withdrawn}/withdrawal`, 'api-kill-withdrawal', { reason: 'Nhà đầu tư rút hồ sơ' }, 200);
    await new Promise((r) => setTimeout(r, 150));
    await api.kill();
    await new Promise((r) => setTimeout(r, 2_000));
    api.start();
    const codes = [withdrawn, ...(await Promise.all(submissions)).map((body) => body.code as string)];
    const afterWithdrawal = await withdrawal;

    console.log(`API SIGKILL: answers by status ${JSON.stringify(tally(outcomes))}`);
    expect(outcomes.filter((o) => typeof o.status === 'number' && o.status >= 500 && o.status !== 503)).toEqual([]);
    expect(outcomes.some((o) => o.status === 'unreachable')).toBe(true);
    expect(afterWithdrawal).toMatchObject({ code: withdrawn, status: 'WITHDRAWN' });
    expect(await stack.prisma.auditEvent.count({ where: { dossierCode: withdrawn, action: 'dossier.withdrawn' } })).toBe(1);
    expect(new Set(codes).size).toBe(4);
    for (const code of codes) {
      await stack.smtp.waitFor((m) => m.subject.includes(code) && m.subject.includes('Xác nhận tiếp nhận'));
      expect(await stack.prisma.dossier.count({ where: { code } })).toBe(1);
      expect(await stack.prisma.auditEvent.count({ where: { dossierCode: code, action: 'dossier.filed' } })).toBe(1);
    }
    await new Promise((r) => setTimeout(r, 1_000));
    for (const code of codes) expect(stack.smtp.messages.filter((m) => m.subject.includes(code) && m.subject.includes('Xác nhận tiếp nhận'))).toHaveLength(1);
  }, 240_000);
});
