import { ParentClosePolicy, startChild, workflowInfo } from '@temporalio/workflow';
import { monitoringScheduleInForce } from '../../domain';
import { clusterMonitoringWorkflowId } from '../monitoring/api';
import type { clusterMonitoringWorkflow } from '../monitoring/workflow';
import type { RoundContext } from './context';

/** The `patched()` marker of rounds that start their cluster's monitoring on approval (fixture test-wf-round-monitoring-…-round-VH-TUYEN-BINH-R1). */
export const START_CLUSTER_MONITORING = 'start-cluster-monitoring';

/**
 * The approval starts the cluster's monitoring workflow (DOMAIN.md §2 stage 10), a child the round
 * abandons when it ends: the cluster is watched for years after its round closed. Its id comes
 * from the cluster code with the round's own prefix (the round's id is `<prefix>round-<code>`).
 */
export async function startClusterMonitoring(ctx: RoundContext, winnerCode: string, decidedBy: string): Promise<void> {
  const roundId = workflowInfo().workflowId;
  const suffix = `round-${ctx.code}`;
  const prefix = roundId.endsWith(suffix) ? roundId.slice(0, roundId.length - suffix.length) : '';
  const decidedOn = ctx.time.today();
  try {
    await startChild<typeof clusterMonitoringWorkflow>('clusterMonitoringWorkflow', {
      workflowId: clusterMonitoringWorkflowId(prefix, ctx.input.clusterCode),
      args: [{ clusterCode: ctx.input.clusterCode, roundCode: ctx.code, dossierCode: winnerCode, decidedOn, decidedBy, schedule: monitoringScheduleInForce(decidedOn), ...ctx.time.scale }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  } catch (error) {
    // Already watched (an operator started it by hand): one monitoring per cluster, nothing to add.
    if (!(error instanceof Error && error.name === 'WorkflowExecutionAlreadyStartedError')) throw error;
  }
}
