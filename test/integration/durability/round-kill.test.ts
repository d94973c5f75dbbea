/**
 * Keyed round actions (the commune PC's call and its submission of the dossiers to DOIT) on four
 * rounds at once, with the API and the worker SIGKILLed in the middle of each wave and started
 * again as the supervisor does. The client retries with the same keys (unreachable, 503, 409
 * InProgress); every action ends in a 200 (never a 409 WrongStage for an action that was applied),
 * is applied exactly once (one audit row each), its answer shows it recorded, and a retry after the
 * crash replays the acknowledged answer byte for byte.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '../../../infra/ports';
import type { ServiceProcess } from '../../../infra/service-process';
import { monthAgo, taxCode } from '../actions/support';
import { ApiProcess, tally, type Outcome } from '../../support/api-process';
import { TEST_DEMO_PASSWORD } from '../../support/auth';
import { createTestStack, type TestStack } from '../../support/stack';
import { killProcessGroup, startWorkerProcess } from '../../support/worker-process';

const CLUSTERS = ['DH-LOC-GIANG-2', 'DH-HIEP-HOA-1', 'CD-TAN-CHANH-2', 'TTH-CA-NHIP'];

describe('the API and the worker SIGKILLed during keyed round actions', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccn-round-kill-'));
  let stack: TestStack;
  let api: ApiProcess;
  const workers: ServiceProcess[] = [];

  beforeAll(async () => {
    stack = await createTestStack('round-kill');
    api = new ApiProcess({ ...stack.childEnv, HOST: '127.0.0.1', DATA_DIR: dataDir, JWT_SECRET: stack.deps.config.JWT_SECRET }, await findFreePort());
    workers.push(startWorkerProcess(stack.childEnv));
    api.start();
    await api.untilUp();
  });
  afterAll(async () => {
    await api.stop();
    for (const worker of workers) await worker.stop(5_000);
    await stack.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** The round's version once its task of `kind` is open, read from PostgreSQL (the API may be down). */
  const openTask = async (roundCode: string, kind: 'CALL_ANNOUNCEMENT' | 'DOSSIER_SUBMISSION'): Promise<number> => {
    for (const started = Date.now(); ; ) {
      const round = await stack.prisma.selectionRound.findUniqueOrThrow({ where: { code: roundCode }, include: { tasks: { where: { kind, status: 'OPEN' } } } });
      if (round.tasks.length > 0) return round.version;
      if (Date.now() - started > 120_000) throw new Error(`${roundCode}: no open ${kind}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  /** Both processes killed together, then the API back after 2 s and the worker after 3 s. */
  const crash = async () => {
    await Promise.all([api.kill(), killProcessGroup(workers.at(-1) as ServiceProcess)]);
    await new Promise((r) => setTimeout(r, 2_000));
    api.start();
    await new Promise((r) => setTimeout(r, 1_000));
    workers.push(startWorkerProcess(stack.childEnv));
  };

  it('applies every acknowledged round action exactly once and replays its answer', async () => {
    const intake = await api.signIn('intake', TEST_DEMO_PASSWORD);
    const pc = await api.signIn('reviewer.commune_pc', TEST_DEMO_PASSWORD);
    const outcomes: Outcome[] = [];
    const receivedOn = monthAgo();
    const rounds: string[] = [];
    for (const clusterCode of CLUSTERS) {
      const letter = { clusterCode, receivedOn, projectTitle: `Hạ tầng ${clusterCode}`, applicant: { name: `Công ty ${clusterCode}`, taxCode: taxCode(), email: 'round-kill@example.vn' } };
      const filed = await api.untilFinal(intake, '/api/dossiers', `round-kill-${clusterCode}`, letter, 201, outcomes);
      rounds.push((filed.round as { code: string }).code);
    }

    type Sent = { url: string; key: string; body: object; answer: Record<string, unknown>; versionBefore: number };
    const sent: Sent[] = [];
    const act = async (roundCode: string, step: 'announcement' | 'submission', versionBefore: number, body: object) => {
      const url = `/api/rounds/${roundCode}/${step}`;
      const key = `round-kill-${step}-${roundCode}`;
      const answer = await api.untilFinal(pc, url, key, body, 200, outcomes);
      sent.push({ url, key, body, answer, versionBefore });
    };
    const announce = async (roundCode: string) => {
      const version = await openTask(roundCode, 'CALL_ANNOUNCEMENT');
      await act(roundCode, 'announcement', version, { announcedOn: receivedOn, publishedAt: 'Cổng thông tin điện tử tỉnh', expectedVersion: version });
    };
    const submit = async (roundCode: string) => {
      const version = await openTask(roundCode, 'DOSSIER_SUBMISSION');
      await act(roundCode, 'submission', version, { expectedVersion: version });
    };

    // Wave one: every call in flight when both processes die.
    const versions = await Promise.all(rounds.map((code) => openTask(code, 'CALL_ANNOUNCEMENT')));
    expect(versions.length).toBe(CLUSTERS.length);
    const announcements = Promise.all(rounds.map(announce));
    await new Promise((r) => setTimeout(r, 150));
    await crash();
    await announcements;
    // Wave two: the submissions, and both processes die again.
    await Promise.all(rounds.map((code) => openTask(code, 'DOSSIER_SUBMISSION')));
    const submissions = Promise.all(rounds.map(submit));
    await new Promise((r) => setTimeout(r, 150));
    await crash();
    await submissions;

    console.log(`round actions through SIGKILL: answers by status ${JSON.stringify(tally(outcomes))}`);
    expect(outcomes.filter((o) => typeof o.status === 'number' && o.status >= 500 && o.status !== 503)).toEqual([]);
    expect(outcomes.some((o) => o.status === 'unreachable')).toBe(true);
    for (const roundCode of rounds) {
      const round = await stack.prisma.selectionRound.findUniqueOrThrow({ where: { code: roundCode } });
      const audited = await stack.prisma.auditEvent.findMany({ where: { entityType: 'SelectionRound', entityId: round.id, action: { in: ['round.call-announced', 'round.dossiers-submitted'] } } });
      expect(audited.map((e) => e.action).sort()).toEqual(['round.call-announced', 'round.dossiers-submitted']);
      expect(round.status).toBe('APPRAISAL');
    }
    for (const action of sent) {
      // Each acknowledged answer shows its own action recorded (the window's close may follow at once).
      expect(action.answer.version as number).toBeGreaterThan(action.versionBefore);
      if (action.url.endsWith('/announcement')) expect(action.answer.announcement).toMatchObject({ announcedOn: receivedOn });
      else expect(action.answer).toMatchObject({ stage: 'APPRAISAL', submittedOn: expect.any(String) });
      // A retry after the crash replays the acknowledged answer.
      const again = await api.call('POST', action.url, { ...pc, 'Idempotency-Key': action.key }, action.body);
      expect(again).toEqual({ status: 200, body: action.answer });
    }
  }, 420_000);
});
