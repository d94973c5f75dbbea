import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AppraisalClock, ApplicantFacts, CriterionKey, Deadline, IsoDate, RankingResult, ScreeningResult } from '../../domain';

/** The public contract of a dossier's workflow: its input, messages and snapshot. The API imports this. */

export const TASK_QUEUE_DEFAULT = 'investor-selection';

/** One real day. Tests pass a shorter `msPerDay` so durable timers fire in seconds (see workflows/dossier/time.ts). */
export const MS_PER_DAY = 86_400_000;

export interface ApplicantContact {
  name: string;
  taxCode: string;
  email: string;
}

export interface DossierWorkflowInput {
  code: string;
  clusterCode: string;
  filedOn: string;
  ruleSetId: string;
  applicant: ApplicantContact;
  projectTitle: string;
  /** Who submitted it (username or 'public'), for the audit trail. */
  submittedBy: string;
  /**
   * How long one day lasts for this workflow's timers, in ms (default MS_PER_DAY: real time, days in
   * Vietnam's time zone). Below that the workflow runs a scaled virtual calendar whose day 0 is
   * `filedOn` at the workflow's start: tests use ~1000 so a 10-working-day deadline fires in seconds.
   */
  msPerDay?: number;
}

/** The read model's vocabulary (Prisma enums DossierStage / DossierStatus in prisma/schema.prisma). */
export type DossierStage =
  | 'APPLICATION'
  | 'PUBLIC_CALL'
  | 'COMPILATION'
  | 'COMPLETENESS_CHECK'
  | 'SUPPLEMENT_REQUESTED'
  | 'DEPARTMENT_OPINIONS'
  | 'SCREENING'
  | 'SCORING'
  | 'APPRAISAL_REPORT'
  | 'DECISION'
  | 'MONITORING'
  | 'CLOSED';
export type DossierStatus = 'ACTIVE' | 'ON_HOLD' | 'APPROVED' | 'REJECTED' | 'RETURNED' | 'REFUSED' | 'WITHDRAWN';

export type OpinionVerdict = 'AGREE' | 'AGREE_WITH_CONDITIONS' | 'OBJECT';
export type TaskStatus = 'OPEN' | 'DONE' | 'DEEMED' | 'CANCELLED';
export type DecisionOutcome = 'APPROVE' | 'REJECT' | 'RETURN';

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

export interface AppraisalReportView {
  by: string;
  on: IsoDate;
  summary: string;
  ranking: RankingResult;
  /** The dossier's applicant qualifies and is proposed as investor. */
  proposed: boolean;
  /** Other dossiers of the round still in progress without a score: the ranking is provisional while any remain. */
  unscoredApplicants: string[];
}

export interface DecisionView {
  by: string;
  on: IsoDate;
  outcome: DecisionOutcome;
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
  report: AppraisalReportView | null;
  decision: DecisionView | null;
}

export interface CompletenessCheckInput {
  actor: string;
  complete: boolean;
  /** What the applicant must add; required when not complete. */
  missing?: string[];
  /** The snapshot version the officer saw; a stale one is refused. */
  expectedVersion: number;
}

export interface SupplementRequestInput {
  actor: string;
  missing: string[];
  expectedVersion: number;
}

export interface SupplementInput {
  actor: string;
  /** What the applicant sends (document names). */
  documents: string[];
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

export interface ReportInput {
  actor: string;
  summary: string;
  /** Only used when the tie-break policy needs the chair's proposal. */
  chairProposal?: string;
  expectedVersion: number;
}

export interface DecisionInput {
  /** The manager's username (a User row). */
  actor: string;
  outcome: DecisionOutcome;
  reason: string;
  expectedVersion: number;
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
export const submitReportUpdate = defineUpdate<DossierSnapshot, [ReportInput]>('submitReport');
export const decideUpdate = defineUpdate<DossierSnapshot, [DecisionInput]>('decide');
export const snapshotQuery = defineQuery<DossierSnapshot>('snapshot');
/**
 * An administrator changed the working-day calendar (`date` is the changed day): the workflow
 * recomputes its open deadlines with the calendar in force and re-arms its timers. The calendar
 * service (api/calendar) sends it to every open dossier after an administrator's change.
 */
export const calendarChangedSignal = defineSignal<[{ date: string }]>('calendarChanged');
/**
 * Sent by the round's approved dossier to the other open dossiers of its round: the round has its
 * investor, so each of them closes as REJECTED and its applicant is told.
 */
export const roundDecidedSignal = defineSignal<[{ winnerCode: string; decidedBy: string }]>('roundDecided');

/** Workflow ids come only from here: a dossier's workflow id is its code. */
export const dossierWorkflowId = (code: string) => code;
