/**
 * The stage and status words the workflows, the read model and the API share. They are the Prisma
 * enums of prisma/schema.prisma, written here because the domain may not import the generated client;
 * test/unit/domain/vocabulary.test.ts fails when the two drift apart.
 */

export const ROUND_STATUSES = [
  'CALL_PENDING',
  'WINDOW_OPEN',
  'COMPILATION',
  'APPRAISAL',
  'REPORT',
  'DECISION',
  'DECIDED',
  'NO_INVESTOR',
  'CANCELLED',
] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export const DOSSIER_STAGES = [
  'APPLICATION',
  'PUBLIC_CALL',
  'COMPILATION',
  'COMPLETENESS_CHECK',
  'SUPPLEMENT_REQUESTED',
  'DEPARTMENT_OPINIONS',
  'SCREENING',
  'SCORING',
  'APPRAISAL_REPORT',
  'DECISION',
  'MONITORING',
  'CLOSED',
] as const;
export type DossierStage = (typeof DOSSIER_STAGES)[number];

export const DOSSIER_STATUSES = ['ACTIVE', 'ON_HOLD', 'APPROVED', 'REJECTED', 'RETURNED', 'REFUSED', 'WITHDRAWN'] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const TASK_KINDS = [
  'CALL_ANNOUNCEMENT',
  'DOSSIER_SUBMISSION',
  'CATALOGUE_FIX',
  'COMPLETENESS_CHECK',
  'SUPPLEMENT_REVIEW',
  'DEPARTMENT_OPINION',
  'ELIGIBILITY_SCREENING',
  'COUNCIL_SCORING',
  'APPRAISAL_REPORT',
  'DECISION',
  'MONITORING_MILESTONE',
  'PERIODIC_REPORT',
  'REMEDIATION',
  'ESCALATION_DECISION',
  'CONVERSION_PLAN',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
/** The tasks of a cluster under monitoring (DOMAIN.md section 5), opened after the decision and living as long as the cluster. */
export const MONITORING_TASK_KINDS: ReadonlySet<TaskKind> = new Set(['MONITORING_MILESTONE', 'PERIODIC_REPORT', 'REMEDIATION', 'ESCALATION_DECISION', 'CONVERSION_PLAN']);

export const TASK_STATUSES = ['OPEN', 'DONE', 'CANCELLED', 'DEEMED'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const OPINION_VERDICTS = ['AGREE', 'AGREE_WITH_CONDITIONS', 'OBJECT', 'DEEMED_CONSENT'] as const;
export type OpinionVerdict = (typeof OPINION_VERDICTS)[number];
/** What a department can answer; deemed consent is never given, the law presumes it when the deadline passes in silence. */
export type GivenOpinionVerdict = Exclude<OpinionVerdict, 'DEEMED_CONSENT'>;

export const DECISION_OUTCOMES = ['APPROVE', 'REJECT', 'RETURN'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
