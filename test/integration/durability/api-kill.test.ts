/**
 * The API process (api/main.ts) SIGKILLed while keyed requests are in flight, then started again,
 * as its supervisor does: the client retries with the same keys (connection refused, 503 and 409
 * InProgress are retried), and every submission ends in one dossier with one acknowledgement, a
 * withdrawal sent as the API died is applied once and its retry gets the 200, never another 5xx.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../../infra/paths';
import { findFreePort } from '../../../infra/ports';
import { startServiceProcess, type ServiceProcess } from '../../../infra/service-process';
import { monthAgo, openAppraisal, taxCode, waitForStage } from '../actions/support';
import { TEST_DEMO_PASSWORD } from '../../support/auth';
import { createTestStack, type TestStack } from '../../support/stack';
import { killProcessGroup, startWorkerProcess } from '../../support/worker-process';

type Outcome = { status: number; body: Record<string, unknown> } | { status: 'unreachable' };

describe('the API SIGKILLed during keyed requests', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccn-api-kill-'));
  let stack: TestStack;
  let port: number;
  let env: Record<string, string>;
  const processes: ServiceProcess[] = [];

  const startApi = () => {
    const api = startServiceProcess({ name: 'api', command: process.execPath, args: ['--import', 'tsx', path.join(projectRoot(), 'api', 'main.ts')], env, output: 'ignore' });
    processes.push(api);
    return api;
  };
  const call = async (method: string, url: string, headers: Record<string, string>, body?: object): Promise<Outcome> => {
    try {
      const res = await fetch(`http://127.0.0.1:${port}${url}`, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: body ? JSON.stringify(body) : undefined });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    } catch {
      return { status: 'unreachable' };
    }
  };
  const untilUp = async () => {
    for (const started = Date.now(); (await call('GET', '/api/health', {})).status !== 200; ) {
      if (Date.now() - started > 90_000) throw new Error('API not up');
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  beforeAll(async () => {
    stack = await createTestStack('api-kill');
    port = await findFreePort();
    env = { ...stack.childEnv, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, JWT_SECRET: stack.deps.config.JWT_SECRET };
    processes.push(startWorkerProcess(stack.childEnv));
    startApi();
    await untilUp();
  });
  afterAll(async () => {
    for (const p of processes) await p.stop(5_000);
    await stack.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('applies every keyed request exactly once through the crash', async () => {
    const login = await call('POST', '/api/auth/login', {}, { username: 'intake', password: TEST_DEMO_PASSWORD });
    if (login.status !== 200) throw new Error(`login: ${JSON.stringify(login)}`);
    const auth = { Authorization: `Bearer ${String(login.body.token)}` };
    const outcomes: Outcome[] = [];
    const receivedOn = monthAgo();
    const letter = (n: number) => ({
      // The dossier to withdraw has its own cluster: its round closes its window before the others are filed.
      clusterCode: n === 0 ? 'CD-PHUOC-TUY-1' : 'TTR-TAN-BINH-2',
      receivedOn,
      projectTitle: `Hạ tầng CCN Phước Tuy 1, phương án ${n}`,
      applicant: { name: `Công ty Cần Đước số ${n}`, taxCode: taxCode(), email: `canduoc${n}@example.vn` },
    });
    /** Retried as the README says until the final answer; an unreachable API is retried as well. */
    const untilFinal = async (url: string, key: string, body: object, final: number): Promise<Record<string, unknown>> => {
      for (const started = Date.now(); ; ) {
        const outcome = await call('POST', url, { ...auth, 'Idempotency-Key': key }, body);
        outcomes.push(outcome);
        if (outcome.status === final) return (outcome as { body: Record<string, unknown> }).body;
        const retryable = outcome.status === 'unreachable' || outcome.status === 202 || outcome.status === 503 || (outcome.status === 409 && outcome.body.reason === 'InProgress');
        if (!retryable || Date.now() - started > 150_000) throw new Error(`${key}: ${JSON.stringify(outcome)}`);
        await new Promise((r) => setTimeout(r, 1_000));
      }
    };

    const filed = await untilFinal('/api/dossiers', 'api-kill-0', letter(0), 201);
    const withdrawn = filed.code as string;
    // Withdrawal is taken once the dossier is being appraised: the round's call, window and submission first.
    await openAppraisal(stack, (filed.round as { code: string }).code, receivedOn);
    await waitForStage(stack, withdrawn, 'COMPLETENESS_CHECK');
    const submissions = [1, 2, 3].map((n) => untilFinal('/api/dossiers', `api-kill-${n}`, letter(n), 201));
    const withdrawal = untilFinal(`/api/dossiers/${withdrawn}/withdrawal`, 'api-kill-withdrawal', { reason: 'Nhà đầu tư rút hồ sơ' }, 200);
    await new Promise((r) => setTimeout(r, 150));
    await killProcessGroup(processes[1] as ServiceProcess);
    await new Promise((r) => setTimeout(r, 2_000));
    startApi();
    const codes = [withdrawn, ...(await Promise.all(submissions)).map((body) => body.code as string)];
    const afterWithdrawal = await withdrawal;

    const tally = outcomes.reduce<Record<string, number>>((counts, o) => ({ ...counts, [String(o.status)]: (counts[String(o.status)] ?? 0) + 1 }), {});
    console.log(`API SIGKILL: answers by status ${JSON.stringify(tally)}`);
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
