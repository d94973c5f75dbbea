/**
 * Types and Vietnamese words of the monitored-cluster screens: the API sends codes (stages, areas,
 * ladder steps, measures), a person reads these. Typed from the API, so a new code is a type error
 * until it is named here.
 */
import type { components } from '../../api/openapi';

type Schemas = components['schemas'];
export type Cluster = Schemas['MonitoredCluster'];
export type ClusterSummary = Schemas['MonitoredClusterSummary'];
export type Milestone = ClusterSummary['milestones'][number];
export type Violation = Cluster['violations'][number];
export type MonitoringStage = ClusterSummary['stage'];
export type MilestoneKind = Milestone['kind'];
export type InspectionArea = Violation['area'];
export type EscalationStep = NonNullable<Violation['step']>;
export type RevocationMeasure = NonNullable<Schemas['EscalationDecision']['measure']>;

export const MONITORING_STAGE_LABELS: Record<MonitoringStage, string> = {
  UNDER_CONSTRUCTION: 'Đang xây dựng hạ tầng',
  OPERATING: 'Đang hoạt động',
  WITHDRAWN_FROM_PLAN: 'Đã đưa ra khỏi quy hoạch',
};

export const monitoringStageName = (stage: string) => MONITORING_STAGE_LABELS[stage as MonitoringStage] ?? stage;

export const MILESTONE_SHORT_NAMES: Record<MilestoneKind, string> = {
  SERVICES_RULES: 'Quy chế quản lý, dịch vụ',
  LAND_HANDOVER: 'Nhận bàn giao đất',
  CONSTRUCTION_START: 'Khởi công hạ tầng',
  WASTEWATER_TREATMENT: 'Trạm xử lý nước thải vận hành',
  TECHNICAL_INFRASTRUCTURE: 'Hoàn thành hạ tầng kỹ thuật',
};

export const AREA_LABELS: Record<InspectionArea, string> = {
  LAND: 'Đất đai',
  INVESTMENT: 'Đầu tư',
  CONSTRUCTION: 'Xây dựng',
  ENVIRONMENT: 'Môi trường',
  FIRE_SAFETY: 'Phòng cháy, chữa cháy',
};

export const INSPECTION_KIND_LABELS: Record<string, string> = {
  SCHEDULED: 'Theo kế hoạch',
  AD_HOC: 'Đột xuất',
};

export const STEP_LABELS: Record<EscalationStep, string> = {
  WARNING: 'Nhắc nhở, cảnh báo',
  PENALTY_PROPOSAL: 'Đề xuất xử phạt',
  REVOCATION_PROPOSAL: 'Đề xuất thu hồi quyết định / thay thế chủ đầu tư',
};

export const MEASURE_LABELS: Record<RevocationMeasure, string> = {
  REVOKE_DECISION: 'Thu hồi quyết định thành lập cụm',
  REPLACE_INVESTOR: 'Thay thế chủ đầu tư hạ tầng',
};

export const VIOLATION_STATUS_LABELS: Record<string, string> = {
  OPEN: 'Chưa khắc phục',
  REMEDIED: 'Đã khắc phục',
};

export const TASK_STATUS_LABELS: Record<string, string> = {
  OPEN: 'Đang mở',
  DONE: 'Đã xong',
  CANCELLED: 'Đã huỷ',
};

/** One decided step of a violation's ladder, as the API stores it (the steps are untyped JSON there). */
export interface DecidedStep {
  step: EscalationStep;
  outcome: 'ESCALATE' | 'EXTEND';
  measure: RevocationMeasure | null;
  reason: string;
  by: string;
  on: string;
  remediationDue: string | null;
}

export const decidedSteps = (violation: Violation) => violation.steps as DecidedStep[];

/** The next open milestone (earliest due), the one a manager looks at first. */
export function nextMilestone(milestones: readonly Milestone[]): Milestone | undefined {
  return milestones.filter((m) => !m.achievedOn && !m.cancelled).sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
}

export const percent = (value: number | null) => (value === null ? '—' : `${value.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`);
