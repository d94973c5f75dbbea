import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AppraisalClock,
  ApplicantFacts,
  CriterionKey,
  Deadline,
  DecisionOutcome,
  DossierStage,
  DossierStatus,
  GivenOpinionVerdict as OpinionVerdict,
  IsoDate,
  RequestedItem,
  RuleSet,
  ScreeningResult,
  TaskStatus,
} from '../../domain';
import type { TimeScale } from '../common/time';

/** The public contract of a dossier's workflow: its input, messages and snapshot. The API imports this. */

export const TASK_QUEUE_DEFAULT = 'investor-selection';

export { MS_PER_DAY } from '../common/time';

export interface ApplicantContact {
  name: string;
  taxCode: string;
  email: string;
}

export interface DossierWorkflowInput extends TimeScale {
  code: string;
  clusterCode: string;
  filedOn: string;
  ruleSetId: string;
  /**
   * The rule set's data as it was when the dossier was filed: what replay reads is pinned even if a
   * rule-set file is edited later. Dossiers started before it was carried fall back to `ruleSetId`.
   */
  ruleSet?: RuleSet;
  /** The round that admitted it, or (with `refusal`) the round whose window it missed. */
  roundCode?: string;
  /** Why the letter is refused (after the round's window, or the cluster already has its investor). */
  refusal?: string;
  applicant: ApplicantContact;
  projectTitle: string;
  /** Who submitted it (username or 'public'), for the audit trail. */
  submittedBy: string;
}

/** The read model's vocabulary lives in domain/vocabulary.ts; a department's opinion signal carries only a verdict it can give. */
export type { DecisionOutcome, DossierStage, DossierStatus, OpinionVerdict, RequestedItem, TaskStatus };

/** One consulted department's opinion task. `version` moves when the task closes. */
export interface OpinionTaskView {
  taskId: string;
  departmentCode: string;
  status: TaskStatus;
  version: number;
  deadline: Deadline;
  verdict?: OpinionVerdict | 'DEEMED_CONSENT';
}

export interface ScoreView {
  member: string;
  councilRole: CouncilSeat;
  total: number;
}

/** The round's decision as this applicant was told it. */
export interface RoundResultView {
  by: string;
  on: IsoDate;
  outcome: RoundResultSignal['outcome'];
  reason: string;
}

export interface DossierSnapshot {
  code: string;
  stage: DossierStage;
  status: DossierStatus;
  version: number;
  /** Deadlines by name (appraisal, decision), explained with the non-working days that moved them. */
  deadlines: Record<string, Deadline>;
  clock: AppraisalClock | null;
  /** What the applicant was last asked to add, while a supplement is awaited. */
  missing: string[];
  opinionTasks: OpinionTaskView[];
  screening: ScreeningResult | null;
  scores: ScoreView[];
  /** Voting council members still to score (known once scoring opens). */
  awaitedScores: string[];
  result: RoundResultView | null;
}

export interface CompletenessCheckInput {
  actor: string;
  complete: boolean;
  /** What the applicant must add, one line each; required when not complete. */
  missing?: string[];
  /**
   * The same request item by item (checklist item or group, missing or defective, with its reason),
   * as the API derived it from the checklist; `missing` is its lines. Absent in older histories.
   */
  items?: RequestedItem[];
  /** The snapshot version the officer saw; a stale one is refused. */
  expectedVersion: number;
}

export interface SupplementRequestInput {
  actor: string;
  missing: string[];
  /** As in CompletenessCheckInput. */
  items?: RequestedItem[];
  expectedVersion: number;
}

/** One document version that came with a supplement (uploaded after the request). */
export interface ReceivedVersion {
  item: string;
  version: number;
  versionId: string;
  fileName: string;
  sha256: string;
}

export interface SupplementInput {
  actor: string;
  /** What the applicant sent, one line each (the versions' items, numbers and file names). */
  documents: string[];
  /** The versions the receipt attaches. Absent in older histories. */
  versions?: ReceivedVersion[];
}

export interface WithdrawInput {
  actor: string;
  reason: string;
}

export interface OpinionInput {
  actor: string;
  departmentCode: string;
  verdict: OpinionVerdict;
  text: string;
  /** The task version the reviewer saw; a stale one is refused. */
  taskVersion: number;
}

export interface ScreeningInput {
  actor: string;
  facts: ApplicantFacts;
  expectedVersion: number;
}

export type CouncilSeat = 'chair' | 'vice-chair' | 'member' | 'secretary';

export interface ScoreInput {
  /** The council member's username (a User row). */
  actor: string;
  councilRole: CouncilSeat;
  criteria: Record<CriterionKey, number>;
}

/**
 * The round's outcome for one applicant: APPROVED (its investor is chosen), NOT_SELECTED (another
 * applicant was), REJECTED (the PC rejected the round, or nobody reached the pass mark).
 */
export interface RoundResultSignal {
  outcome: 'APPROVED' | 'NOT_SELECTED' | 'REJECTED';
  reason: string;
  decidedBy: string;
  decidedOn: IsoDate;
}

/** The round sent its compiled dossiers to DOIT: the appraisal of this dossier starts. */
export interface AppraisalStartSignal {
  submittedOn: IsoDate;
}

/** How a dossier's workflow ended, for its round. */
export interface DossierResult {
  code: string;
  outcome: 'REFUSED' | 'WITHDRAWN' | RoundResultSignal['outcome'];
}

/** Used with update-with-start: returns once the dossier is in the read model, so a GET right after the POST finds it. */
export const awaitRegistrationUpdate = defineUpdate<DossierSnapshot>('awaitRegistration');
export const checkCompletenessUpdate = defineUpdate<DossierSnapshot, [CompletenessCheckInput]>('checkCompleteness');
/** The appraiser asks for more documents during the appraisal: the appraisal clock stops. */
export const requestSupplementUpdate = defineUpdate<DossierSnapshot, [SupplementRequestInput]>('requestSupplement');
/** The applicant's supplement arrives: the clock resumes and the intake officer checks again. */
export const submitSupplementUpdate = defineUpdate<DossierSnapshot, [SupplementInput]>('submitSupplement');
export const withdrawUpdate = defineUpdate<DossierSnapshot, [WithdrawInput]>('withdraw');
export const giveOpinionUpdate = defineUpdate<OpinionTaskView, [OpinionInput]>('giveOpinion');
export const screenApplicantUpdate = defineUpdate<DossierSnapshot, [ScreeningInput]>('screenApplicant');
export const submitScoreUpdate = defineUpdate<ScoreView, [ScoreInput]>('submitScore');
export const snapshotQuery = defineQuery<DossierSnapshot>('snapshot');
/**
 * An administrator changed the working-day calendar (`date` is the changed day): the workflow
 * recomputes its open deadlines with the calendar in force and re-arms its timers. The calendar
 * service (api/calendar) sends it to every open dossier after an administrator's change.
 */
export const calendarChangedSignal = defineSignal<[{ date: string }]>('calendarChanged');
export const appraisalStartSignal = defineSignal<[AppraisalStartSignal]>('appraisalStart');
export const roundResultSignal = defineSignal<[RoundResultSignal]>('roundResult');

/** Workflow ids come only from here: a dossier's workflow id is its code. */
export const dossierWorkflowId = (code: string) => code;
