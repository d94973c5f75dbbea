/**
 * DOMAIN.md §4: "the due date is recomputed on … calendar change". After an administrator's change
 * commits, the calendar service signals calendarChanged to every open dossier's workflow (status
 * ACTIVE or ON_HOLD), best effort. The workflows here are real Temporal executions on a task queue
 * no worker polls, so the test sees exactly which signals reached which history, independently of
 * the dossier workflow's own handling (tested with the workflow).
 */
import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import request from 'supertest';
import type { DossierStatus } from '../../../generated/prisma/client';
import { bearer, tokenFor } from '../../support/auth';
import { testDataConverter } from '../../support/payload-keys';
import { createTestStack, type TestStack } from '../../support/stack';

describe('a calendar change signals the open dossiers’ workflows', () => {
  let stack: TestStack;
  let admin: { Authorization: string };
  const suffix = randomBytes(4).toString('hex');
  const handles: Record<string, WorkflowHandle> = {};

  beforeAll(async () => {
    stack = await createTestStack('cal_signal');
    admin = bearer(await tokenFor(stack, 'admin'));
    const cluster = await stack.prisma.cluster.findFirstOrThrow();
    const round = await stack.prisma.selectionRound.create({ data: { clusterId: cluster.id, ruleSetId: 'decree-303-2026', openedOn: new Date('2026-10-01T00:00:00Z') } });
    const dossier = async (name: string, status: DossierStatus, running: boolean) => {
      const workflowId = `cal-signal-${name}-${suffix}`;
      if (running) {
        handles[name] = await stack.temporal.workflow.start('calendarSignalProbe', { workflowId, taskQueue: `${stack.taskQueue}-nobody-polls`, args: [] });
      }
      const applicant = await stack.prisma.applicant.create({ data: { name: `Nhà đầu tư ${name}`, taxCode: `0${randomBytes(4).readUInt32BE() % 1e9}`.padStart(10, '0').slice(0, 10), contactEmail: `${name}@example.vn` } });
      await stack.prisma.dossier.create({
        data: {
          code: `CCN-SIG${name.slice(0, 2).toUpperCase()}-${suffix.slice(0, 5).toUpperCase()}`,
          workflowId,
          projectTitle: `Dự án thử ${name}`,
          roundId: round.id,
          clusterId: cluster.id,
          applicantId: applicant.id,
          ruleSetId: 'decree-303-2026',
          filedOn: new Date('2026-10-01T00:00:00Z'),
          status,
        },
      });
    };
    await dossier('active', 'ACTIVE', true);
    await dossier('onhold', 'ON_HOLD', true);
    await dossier('approved', 'APPROVED', true);
    // Open in the read model but its workflow is gone: ignored, the others still get their signal.
    await dossier('ghost', 'ACTIVE', false);
  });

  afterAll(async () => {
    for (const handle of Object.values(handles)) await handle.terminate('test over').catch(() => undefined);
    await stack.close();
  });

  async function calendarSignals(handle: WorkflowHandle): Promise<unknown[]> {
    const history = await handle.fetchHistory();
    const signals = (history.events ?? [])
      .map((e) => e.workflowExecutionSignaledEventAttributes)
      .filter((a) => a?.signalName === 'calendarChanged')
      .map((a) => a?.input?.payloads?.[0]);
    // Payloads are encrypted in the history (infra/payload-codec.ts): decode them as the worker would.
    const codec = testDataConverter().payloadCodecs?.[0];
    const decoded = codec ? await codec.decode(signals as Payload[]) : (signals as Payload[]);
    return decoded.map((payload) => JSON.parse(Buffer.from(payload.data ?? []).toString('utf8')));
  }

  it('PUT and DELETE each signal ACTIVE and ON_HOLD dossiers once with the date; closed ones and restatements are not signalled', async () => {
    const body = { working: false, reason: 'Nghỉ đột xuất (thử nghiệm)' };
    await request(stack.app).put('/api/calendar/days/2026-10-14').set(admin).send(body).expect(200);
    expect(await calendarSignals(handles.active as WorkflowHandle)).toEqual([{ date: '2026-10-14' }]);
    expect(await calendarSignals(handles.onhold as WorkflowHandle)).toEqual([{ date: '2026-10-14' }]);
    expect(await calendarSignals(handles.approved as WorkflowHandle)).toEqual([]);

    // Restating the same override changes nothing, so nobody is signalled again.
    await request(stack.app).put('/api/calendar/days/2026-10-14').set(admin).send(body).expect(200);
    expect(await calendarSignals(handles.active as WorkflowHandle)).toHaveLength(1);

    await request(stack.app).delete('/api/calendar/days/2026-10-14').set(admin).expect(200);
    expect(await calendarSignals(handles.active as WorkflowHandle)).toEqual([{ date: '2026-10-14' }, { date: '2026-10-14' }]);
    expect(await calendarSignals(handles.onhold as WorkflowHandle)).toHaveLength(2);
    expect(await calendarSignals(handles.approved as WorkflowHandle)).toEqual([]);
  });

  it('a refused change (403) signals nobody', async () => {
    const intake = bearer(await tokenFor(stack, 'intake'));
    await request(stack.app).put('/api/calendar/days/2026-10-15').set(intake).send({ working: false, reason: 'x' }).expect(403);
    expect(await calendarSignals(handles.active as WorkflowHandle)).toHaveLength(2);
  });
});
