import type { IsoDate } from '../calendar/iso-date';
import type { TimeLimit } from '../calendar/deadline';

/** The timed stages of Decree 32/2024 Art. 8–13 (DOMAIN.md §2). */
export type StageKey =
  | 'callAnnouncement'
  | 'applicationWindow'
  | 'dossierSubmission'
  | 'departmentOpinion'
  | 'appraisal'
  | 'decision';

/** In procedure order. */
export const STAGE_KEYS: readonly StageKey[] = Object.freeze([
  'callAnnouncement',
  'applicationWindow',
  'dossierSubmission',
  'departmentOpinion',
  'appraisal',
  'decision',
] as const);

/** The four scoring criteria of Decree 32/2024 Art. 13(2). */
export type CriterionKey = 'infrastructurePlan' | 'environmentalProtectionPlan' | 'capacityAndExperience' | 'financialPlan';

export const CRITERION_KEYS: readonly CriterionKey[] = Object.freeze([
  'infrastructurePlan',
  'environmentalProtectionPlan',
  'capacityAndExperience',
  'financialPlan',
] as const);

/**
 * How the council breaks a tie for first place. Decree 32/2024 leaves it to the chair's proposal;
 * some provinces first compare the financial plan, then capacity and experience (DOMAIN.md §3).
 */
export type TieBreakPolicy = 'chair-proposal' | 'financial-plan-then-capacity-then-chair';

export type SubCriterion = { key: string; name: string; max: number };

export type Criterion = {
  key: CriterionKey;
  name: string;
  max: number;
  /** Provincial practice may split a criterion; the sub-maxima must add up to `max`. */
  subCriteria?: SubCriterion[];
};

/**
 * Who sits on the selection council, by role: `chair` and `secretary` name a body, the lists hold
 * department codes (departments themselves are admin-edited data). The secretary does not vote.
 */
export type CouncilComposition = {
  chair: string;
  viceChairs: string[];
  secretary: string;
  votingMembers: string[];
};

/** A progressive bracket: `ratePercent` applies to the part of the capital up to `upToVnd` (null = no cap). */
export type DepositBracket = { upToVnd: number | null; ratePercent: number };

export type EquityThresholds = {
  /** Projects on less land than this use minEquityPercentBelow; at or above it, minEquityPercentAtOrAbove. */
  landAreaHaBelow: number;
  minEquityPercentBelow: number;
  minEquityPercentAtOrAbove: number;
};

/** Which People's Committee runs the public call (district until 30/6/2025, then commune). */
export type CallAuthority = 'district-pc' | 'commune-pc';

/**
 * One version of the rules. A dossier keeps the rule set in force on its filing date for its whole
 * life (DOMAIN.md §6), so rule sets are immutable data, identified by `id` and stored with each
 * dossier; a change in the law adds a new rule set, it never edits one.
 */
export type RuleSet = {
  id: string;
  name: string;
  /** The legal texts behind this version, in Vietnamese as they are cited. */
  legalBasis: string[];
  /** Applies to dossiers filed on or after this date (until the next rule set's effectiveFrom). */
  effectiveFrom: IsoDate;
  limits: Record<StageKey, TimeLimit>;
  /** Department codes asked for an opinion in stage 5, in parallel. */
  consultedDepartments: string[];
  /** Provincial practice: a department that does not answer by its deadline is deemed to consent. */
  silenceMeansConsent: boolean;
  council: CouncilComposition;
  scoring: {
    criteria: Criterion[];
    passMark: number;
    tieBreak: TieBreakPolicy;
  };
  equityThresholds: EquityThresholds;
  /** Decree 31/2021 Art. 26(3), sorted by upToVnd with the open-ended bracket last. */
  depositBrackets: DepositBracket[];
  callAuthority: CallAuthority;
  /** Where a value is provincial practice rather than law, it says so here. */
  notes: string[];
};
