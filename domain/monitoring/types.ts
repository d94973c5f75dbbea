import type { IsoDate } from '../calendar/iso-date';
import type { TimeLimit } from '../calendar/deadline';

/**
 * The vocabulary of a monitored cluster (DOMAIN.md §5). Stored as text in the read model: these are
 * the only values the activities write and the API filters on.
 */
export const MILESTONE_KINDS = ['SERVICES_RULES', 'LAND_HANDOVER', 'CONSTRUCTION_START', 'WASTEWATER_TREATMENT', 'TECHNICAL_INFRASTRUCTURE'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export const INSPECTION_AREAS = ['LAND', 'INVESTMENT', 'CONSTRUCTION', 'ENVIRONMENT', 'FIRE_SAFETY'] as const;
export type InspectionArea = (typeof INSPECTION_AREAS)[number];

/** A scheduled inspection keeps the once-a-year limit; an ad-hoc one is allowed inside it when a violation is suspected, with its reason. */
export const INSPECTION_KINDS = ['SCHEDULED', 'AD_HOC'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

/** The ladder an unremedied violation climbs, each step a manager's decision with its reason. */
export const ESCALATION_STEPS = ['WARNING', 'PENALTY_PROPOSAL', 'REVOCATION_PROPOSAL'] as const;
export type EscalationStep = (typeof ESCALATION_STEPS)[number];

/** What the last step proposes to the provincial PC. */
export const REVOCATION_MEASURES = ['REVOKE_DECISION', 'REPLACE_INVESTOR'] as const;
export type RevocationMeasure = (typeof REVOCATION_MEASURES)[number];

export const MONITORING_STAGES = ['UNDER_CONSTRUCTION', 'OPERATING', 'WITHDRAWN_FROM_PLAN'] as const;
export type MonitoringStage = (typeof MONITORING_STAGES)[number];

export interface MilestoneRule {
  kind: MilestoneKind;
  name: string;
  /** Counted from the establishment decision, unless the investor's proposal committed a date. */
  limit: TimeLimit;
  /** The environmental infrastructure (wastewater treatment) is mandatory: a cluster without it is flagged. */
  environmental: boolean;
}

export interface EscalationRule {
  step: EscalationStep;
  name: string;
  /** After this step is decided, the investor has this long to remedy before the next step is due; null at the top of the ladder. */
  remediation: TimeLimit | null;
}

/**
 * One version of the monitoring obligations (Circular 14/2024/TT-BCT, amended by Circular
 * 38/2025/TT-BCT, and provincial practice). A monitored cluster carries the schedule it started with
 * in its workflow input, so editing this data never changes what a running workflow replays; a change
 * is a new schedule version.
 */
export interface MonitoringSchedule {
  id: string;
  name: string;
  legalBasis: string[];
  /** Applies to clusters whose establishment decision is on or after this date. */
  effectiveFrom: IsoDate;
  milestones: MilestoneRule[];
  /** A reminder goes this many working days before any due date. */
  reminderWorkingDaysBefore: number;
  reports: {
    name: string;
    /** Reporting periods end on the last day of every `periodMonths`-th month of the year (6: 30/6 and 31/12). */
    periodMonths: 1 | 3 | 6 | 12;
    /** The report is due this long after its period ends. */
    due: TimeLimit;
  };
  inspections: {
    areas: { area: InspectionArea; name: string }[];
    /** A scheduled inspection of the same subject is refused within this many days of the last one. */
    minIntervalDays: number;
  };
  remediation: TimeLimit;
  /** The manager's escalation decision is due this long after a remediation deadline passed. */
  escalationDecision: TimeLimit;
  escalation: EscalationRule[];
  conversionPlan: { due: TimeLimit; concerns: string[] };
  /** Occupancy below this (leased ha over the cluster's area) counts as low. */
  lowOccupancyPercent: number;
  /** Decree 32/2024 Art. 3: sectors a tenant is flagged for. */
  prioritySectors: { code: string; name: string }[];
  notes: string[];
}
