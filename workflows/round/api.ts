import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Deadline, IsoDate, MemberScore, RankingResult, RoundStatus, RuleSet } from '../../domain';
import type { TimeScale } from '../common/time';
import type { DecisionOutcome, DossierWorkflowInput } from '../dossier/api';

/** The public contract of a selection round's workflow: its input, messages and snapshot. The API imports this. */

export interface RoundWorkflowInput extends TimeScale {
  clusterCode: string;
  /** 1 for the cluster's first round; a round closed without an investor is followed by number + 1. */
  number: number;
  /** The rule set in force on the first letter's filing date, carried as data: what replay reads is pinned. */
  ruleSet: RuleSet;
  /** The first letter's filing date: the public call is due counted from it. */
  openedOn: IsoDate;
  openedBy: string;
}

/** Where a round is (read model: RoundStatus in prisma/schema.prisma). */
export type RoundStage = Exclude<RoundStatus, 'CANCELLED'>;

/** An applicant's place in its round: in appraisal, then settled (scored, refused, withdrawn), then told the result. */
export type ApplicantStanding = 'ADMITTED' | 'IN_APPRAISAL' | 'SCORED' | 'REFUSED' | 'WITHDRAWN' | 'APPROVED' | 'NOT_SELECTED' | 'REJECTED';

export interface RoundApplicant {
  code: string;
  filedOn: IsoDate;
  standing: ApplicantStanding;
}

export interface RoundReportView {
  by: string;
  on: IsoDate;
  summary: string;
  ranking: RankingResult;
  /** The dossier code of the proposed investor; null when nobody qualifies. */
  proposed: string | null;
}

export interface RoundDecisionView {
  by: string;
  on: IsoDate;
  outcome: DecisionOutcome;
  reason: string;
}

export interface RoundSnapshot {
  code: string;
  stage: RoundStage;
  version: number;
  /** callAnnouncement, applicationWindow, dossierSubmission, report, decision: each explained by its skipped days. */
  deadlines: Record<string, Deadline>;
  applicants: RoundApplicant[];
  announcement: { announcedOn: IsoDate; publishedAt: string; by: string } | null;
  submittedOn: IsoDate | null;
  report: RoundReportView | null;
  decision: RoundDecisionView | null;
}

export interface AnnouncementInput {
  actor: string;
  announcedOn: IsoDate;
  /** Where the call was published (newspaper, portal, notice board). */
  publishedAt: string;
  expectedVersion: number;
}

export interface SubmissionInput {
  actor: string;
  expectedVersion: number;
}

export interface RoundReportInput {
  actor: string;
  summary: string;
  /** Only used when the tie-break policy needs the chair's proposal (a dossier code). */
  chairProposal?: string;
  expectedVersion: number;
}

export interface RoundDecisionInput {
  /** The manager's username. */
  actor: string;
  outcome: DecisionOutcome;
  reason: string;
  expectedVersion: number;
}

export interface AdmissionResult {
  roundCode: string;
  windowClosesOn: IsoDate | null;
}

/** Sent by an admitted dossier once the council scored it: the round ranks the sheets it carries. */
export interface ApplicantScoredSignal {
  code: string;
  scores: MemberScore[];
}

/**
 * Used with update-with-start by the API for every letter: the round admits the dossier (and starts
 * its appraisal workflow as a child), or its validator refuses a late letter with the closing date.
 */
export const admitApplicantUpdate = defineUpdate<AdmissionResult, [DossierWorkflowInput]>('admitApplicant');
export const announceCallUpdate = defineUpdate<RoundSnapshot, [AnnouncementInput]>('announceCall');
export const submitDossiersUpdate = defineUpdate<RoundSnapshot, [SubmissionInput]>('submitDossiers');
export const submitRoundReportUpdate = defineUpdate<RoundSnapshot, [RoundReportInput]>('submitRoundReport');
export const decideRoundUpdate = defineUpdate<RoundSnapshot, [RoundDecisionInput]>('decideRound');
export const applicantScoredSignal = defineSignal<[ApplicantScoredSignal]>('applicantScored');
export const roundSnapshotQuery = defineQuery<RoundSnapshot>('roundSnapshot');

/** Round codes and workflow ids come only from here. */
export const roundCode = (clusterCode: string, number: number) => `${clusterCode}-R${number}`;
/** `prefix` (configuration WORKFLOW_ID_PREFIX) keeps installations that share a Temporal namespace apart. */
export const roundWorkflowId = (prefix: string, code: string) => `${prefix}round-${code}`;
