import { checkCompletenessUpdate, screenApplicantUpdate, submitScoreUpdate } from '../../../workflows/dossier/api';
import { clusterMonitoringWorkflowId } from '../../../workflows/monitoring/api';
import type { clusterMonitoringWorkflow } from '../../../workflows/monitoring/workflow';
import { decideRoundUpdate, submitRoundReportUpdate } from '../../../workflows/round/api';
import { callAndSubmit, fileLetter, prefixOf, roundHandle, waitForDossier, waitForRound } from './round-support';
import { createWorkflowStack, criteria, ELIGIBLE_FACTS, giveOpinions, recordHistoryFixture, type WorkflowStack } from './support';
import { waitForCluster } from './monitoring-support';

/** One virtual day per second, as the round scenarios. */
const MS_PER_DAY = 1_000;
const FILED_ON = '2026-10-05';

describe("a round's approval starts its cluster's monitoring", () => {
  let stack: WorkflowStack;
  beforeAll(async () => {
    stack = await createWorkflowStack('wf-round-monitoring');
  });
  afterAll(() => stack.close());

  it('starts one monitoring workflow per approved cluster, with the id of the cluster code, that outlives the round', async () => {
    const a = await fileLetter(stack, { clusterCode: 'VH-TUYEN-BINH', filedOn: FILED_ON, msPerDay: MS_PER_DAY });
    const round = roundHandle(stack, a.roundCode);
    await callAndSubmit(round, 'reviewer.commune_pc', FILED_ON, 'Cổng thông tin điện tử tỉnh');

    let s = await waitForDossier(a.handle, (x) => x.stage === 'COMPLETENESS_CHECK');
    s = await a.handle.executeUpdate(checkCompletenessUpdate, { args: [{ actor: 'intake', complete: true, expectedVersion: s.version }] });
    await giveOpinions(a.handle, s);
    s = await waitForDossier(a.handle, (x) => x.stage === 'SCREENING');
    await a.handle.executeUpdate(screenApplicantUpdate, { args: [{ actor: 'appraiser', facts: ELIGIBLE_FACTS, expectedVersion: s.version }] });
    s = await waitForDossier(a.handle, (x) => x.stage === 'SCORING' && x.awaitedScores.length > 0);
    for (const member of s.awaitedScores) await a.handle.executeUpdate(submitScoreUpdate, { args: [{ actor: member, councilRole: 'member', criteria: criteria(13, 12, 25, 33) }] });

    let r = await waitForRound(round, (x) => x.stage === 'REPORT');
    await round.executeUpdate(submitRoundReportUpdate, { args: [{ actor: 'appraiser', summary: 'Đề xuất nhà đầu tư duy nhất đạt yêu cầu.', expectedVersion: r.version }] });
    r = await waitForRound(round, (x) => x.stage === 'DECISION');
    await round.executeUpdate(decideRoundUpdate, { args: [{ actor: 'manager', outcome: 'APPROVE', reason: '', expectedVersion: r.version }] });
    expect((await round.result()).stage).toBe('DECIDED');

    // The round has ended; its child, the cluster's monitoring, runs on under the cluster's own id.
    const monitoring = stack.temporal.workflow.getHandle<typeof clusterMonitoringWorkflow>(clusterMonitoringWorkflowId(prefixOf(stack), 'VH-TUYEN-BINH'));
    const snapshot = await waitForCluster(monitoring, (x) => x.version >= 1);
    expect(snapshot.milestones.map((m) => m.kind)).toEqual(['SERVICES_RULES', 'LAND_HANDOVER', 'CONSTRUCTION_START', 'WASTEWATER_TREATMENT', 'TECHNICAL_INFRASTRUCTURE']);
    expect((await monitoring.describe()).status.name).toBe('RUNNING');
    const row = await stack.prisma.monitoredCluster.findFirstOrThrow({ where: { cluster: { code: 'VH-TUYEN-BINH' } }, include: { dossier: true } });
    expect(row).toMatchObject({ roundCode: a.roundCode, scheduleId: 'monitoring-circular-14-2024', stage: 'UNDER_CONSTRUCTION', dossier: { code: a.input.code } });
    // The services rules are due 5 working days after the decision, counted on the calendar in force.
    expect(snapshot.milestones[0]?.deadline).toMatchObject({ amount: 5, unit: 'working-days' });

    // Named by the round's real workflow id: replay runs each fixture under its file name, and the child's id derives from it.
    await recordHistoryFixture(round, (await round.describe()).workflowId);
    await monitoring.terminate('kết thúc kịch bản thử');
  });
});
