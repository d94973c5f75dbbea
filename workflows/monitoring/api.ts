import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AgendaItem,
  Deadline,
  EscalationStep,
  InspectionArea,
  InspectionKind,
  IsoDate,
  MilestoneKind,
  MonitoringSchedule,
  MonitoringStage,
  RevocationMeasure,
  TenantFact,
  TimeLimit,
} from '../../domain';
import type { MonitoringTaskKind } from '../../activities/monitoring/records';
import type { TimeScale } from '../common/time';

/** The public contract of a monitored cluster's workflow: its input, messages and snapshot. The API imports this. */

export interface ClusterMonitoringInput extends TimeScale {
  clusterCode: string;
  roundCode: string;
  /** The approved investor's dossier: the cluster's tasks are its tasks in the inbox. */
  dossierCode: string;
  /** The day of the establishment decision: milestones are counted from it. */
  decidedOn: IsoDate;
  decidedBy: string;
  /** The monitoring obligations the cluster started with, carried as data: what replay reads is pinned. */
  schedule: MonitoringSchedule;
  /** Continue-as-new after this many history events (tests lower it); default MONITORING_HISTORY_LIMIT. */
  historyLimit?: number;
  /** Set by continue-as-new: the state the previous run ended with. */
  carried?: CarriedState;
}

/** What one run hands the next: the snapshot and what the first run learned from the read model. */
export interface CarriedState {
  snapshot: ClusterSnapshot;
  contact: { areaHa: number; investorEmail: string; investorName: string };
  nextInspection: number;
  nextViolation: number;
}

/** An open obligation on the cluster's agenda: an inbox task with its due date, reminder and overdue notice. */
export interface AgendaEntry extends AgendaItem {
  kind: MonitoringTaskKind;
  role: 'APPRAISER' | 'MANAGER';
  title: string;
  /**
   * What the due date was counted from, so a calendar change can count it again. Absent on entries
   * opened before it was kept: those keep the date they were given.
   */
  basis?: { from: IsoDate; limit: TimeLimit };
}

export interface MilestoneView {
  kind: MilestoneKind;
  name: string;
  deadline: Deadline;
  /** The due date is the investor's own, committed in its proposal. */
  committed: boolean;
  achievedOn: IsoDate | null;
  cancelled: boolean;
}

export interface ViolationView {
  number: string;
  inspection: number;
  area: InspectionArea;
  description: string;
  remediationDue: IsoDate | null;
  step: EscalationStep | null;
}

export interface ReportView {
  periodEnd: IsoDate;
  receivedOn: IsoDate;
  leasedHa: number;
  occupancyHundredths: number;
  tenants: number;
  priorityTenants: number;
  low: boolean;
}

export interface ClusterSnapshot {
  clusterCode: string;
  stage: MonitoringStage;
  version: number;
  milestones: MilestoneView[];
  /** The end of the reporting period whose report is opened next. */
  nextPeriodEnd: IsoDate;
  lastReport: ReportView | null;
  /** Latest inspection date per subject (area and enterprise): the once-a-year rule reads it. */
  lastInspections: Record<string, IsoDate>;
  /** Only the violations still open: remedied ones live on in the read model, so the state stays bounded. */
  openViolations: ViolationView[];
  agenda: AgendaEntry[];
  withdrawal: { reason: string; by: string; on: IsoDate; planRecorded: boolean } | null;
  /** How many runs (continue-as-new) the cluster's history has had. */
  run: number;
  /** The cluster's own today (scaled on the training clock), as of its last workflow task; set by the query only. */
  today?: IsoDate;
}

interface Acting {
  /** The username of the DOIT officer or manager: the audit trail names them. */
  actor: string;
  /** When sent, the cluster's version the person saw (GET /api/clusters/{code}); a stale one is refused. */
  expectedVersion?: number;
}

export interface CommitmentsInput extends Acting {
  /** The dates the investor committed in its proposal, per milestone still open. */
  dates: Partial<Record<MilestoneKind, IsoDate>>;
}
export interface MilestoneInput extends Acting {
  milestone: MilestoneKind;
  achievedOn: IsoDate;
  note: string;
}
export interface ReportInput extends Acting {
  periodEnd: IsoDate;
  receivedOn: IsoDate;
  tenants: TenantFact[];
  note: string;
}
export interface InspectionInput extends Acting {
  area: InspectionArea;
  tenant?: string;
  kind: InspectionKind;
  reason?: string;
  inspectedOn: IsoDate;
  findings: string;
  /** Each violation found opens a remediation due after the schedule's remediation limit (or `remediationDays`). */
  violations: { description: string; remediationDays?: number }[];
}
export interface RemediationInput extends Acting {
  violation: string;
  note: string;
}
export interface EscalationInput extends Acting {
  violation: string;
  /** ESCALATE to the next step of the ladder, or EXTEND the remediation at the same step. */
  outcome: 'ESCALATE' | 'EXTEND';
  /** Required at the last step: revoke the establishment decision or replace the investor. */
  measure?: RevocationMeasure;
  reason: string;
}
export interface WithdrawalInput extends Acting {
  reason: string;
}
export interface ConversionPlanInput extends Acting {
  summary: string;
  /** What must still be tracked beyond the schedule's concerns (environment, security, fire safety, enterprises' rights). */
  tracked: string[];
}

export const recordCommitmentsUpdate = defineUpdate<ClusterSnapshot, [CommitmentsInput]>('recordCommitments');
export const recordMilestoneUpdate = defineUpdate<ClusterSnapshot, [MilestoneInput]>('recordMilestone');
export const recordReportUpdate = defineUpdate<ClusterSnapshot, [ReportInput]>('recordReport');
export const recordInspectionUpdate = defineUpdate<ClusterSnapshot, [InspectionInput]>('recordInspection');
export const recordRemediationUpdate = defineUpdate<ClusterSnapshot, [RemediationInput]>('recordRemediation');
export const decideEscalationUpdate = defineUpdate<ClusterSnapshot, [EscalationInput]>('decideEscalation');
export const withdrawFromPlanUpdate = defineUpdate<ClusterSnapshot, [WithdrawalInput]>('withdrawFromPlan');
export const recordConversionPlanUpdate = defineUpdate<ClusterSnapshot, [ConversionPlanInput]>('recordConversionPlan');
export const clusterSnapshotQuery = defineQuery<ClusterSnapshot>('clusterSnapshot');

/** The `patched()` marker of clusters that recount their open due dates on a calendar change (fixture monitoring-calendar-recount). */
export const MONITORING_CALENDAR_RECOUNT = 'monitoring-calendar-recount';

/** A run continues as new past this many history events, far under Temporal's own limits. */
export const MONITORING_HISTORY_LIMIT = 2_000;

/** `prefix` (configuration WORKFLOW_ID_PREFIX) as for rounds: one monitoring workflow per cluster. */
export const clusterMonitoringWorkflowId = (prefix: string, clusterCode: string) => `${prefix}cluster-${clusterCode}`;

/** Agenda item ids: one per obligation, stable across runs. */
export const itemId = {
  milestone: (kind: MilestoneKind) => `milestone:${kind}`,
  report: (periodEnd: IsoDate) => `report:${periodEnd}`,
  remediation: (violation: string) => `remediation:${violation}`,
  escalation: (violation: string) => `escalation:${violation}`,
  conversionPlan: () => 'conversion-plan',
};
