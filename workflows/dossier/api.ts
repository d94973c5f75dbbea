import { defineQuery, defineUpdate } from '@temporalio/workflow';

/** The public contract of a dossier's workflow: its input, messages and snapshot. The API imports this. */

export const TASK_QUEUE_DEFAULT = 'investor-selection';

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
}

export type DossierStage = 'intake' | 'departmentOpinion' | 'appraisal' | 'decision' | 'closed';
export type DossierStatus = 'AWAITING_COMPLETENESS_CHECK' | 'AWAITING_SUPPLEMENT' | 'IN_PROGRESS' | 'WITHDRAWN' | 'APPROVED' | 'REJECTED';

export interface DossierSnapshot {
  code: string;
  stage: DossierStage;
  status: DossierStatus;
  version: number;
}

export interface CompletenessCheckInput {
  actor: string;
  complete: boolean;
  /** What the applicant must add; required when not complete. */
  missing?: string[];
  /** The snapshot version the officer saw; a stale one is refused. */
  expectedVersion: number;
}

/** Used with update-with-start: returns once the dossier is in the read model, so a GET right after the POST finds it. */
export const awaitRegistrationUpdate = defineUpdate<DossierSnapshot>('awaitRegistration');
export const checkCompletenessUpdate = defineUpdate<DossierSnapshot, [CompletenessCheckInput]>('checkCompleteness');
export const snapshotQuery = defineQuery<DossierSnapshot>('snapshot');

/** Workflow ids come only from here: a dossier's workflow id is its code. */
export const dossierWorkflowId = (code: string) => code;
