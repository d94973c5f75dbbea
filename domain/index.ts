/**
 * The legal core: pure, deterministic functions and data, safe inside Temporal's workflow sandbox.
 * Everything is exported from here except domain/calendar/seed.ts, which needs date-holidays and is
 * imported directly by the seeding script and the admin API.
 */
export { DomainError, type DomainErrorCode } from './errors';

export {
  DECISION_OUTCOMES,
  DOSSIER_STAGES,
  DOSSIER_STATUSES,
  MONITORING_TASK_KINDS,
  OPINION_VERDICTS,
  ROUND_STATUSES,
  TASK_KINDS,
  TASK_STATUSES,
  type DecisionOutcome,
  type DossierStage,
  type DossierStatus,
  type GivenOpinionVerdict,
  type OpinionVerdict,
  type RoundStatus,
  type TaskKind,
  type TaskStatus,
} from './vocabulary';

export {
  addDays,
  assertIsoDate,
  compareDates,
  dayOfWeek,
  daysBetween,
  formatDateVi,
  fromEpochDay,
  isIsoDate,
  toEpochDay,
  type DayOfWeek,
  type IsoDate,
} from './calendar/iso-date';
export {
  calendarEntries,
  createWorkingDayCalendar,
  isWorkingDay,
  nonWorkingReason,
  type CalendarEntry,
  type DayStatus,
  type WorkingDayCalendar,
} from './calendar/working-day-calendar';
export {
  addCalendarDays,
  addWorkingDays,
  computeDeadline,
  workingDaysBefore,
  workingDaysBetween,
  type Deadline,
  type SkippedDay,
  type TimeLimit,
  type TimeUnit,
} from './calendar/deadline';
export { buildWorkingDayIndex, countWorkingDays, nthWorkingDayAfter, type WorkingDayIndex } from './calendar/day-index';

export {
  CRITERION_KEYS,
  STAGE_KEYS,
  type CallAuthority,
  type CouncilComposition,
  type Criterion,
  type CriterionKey,
  type DepositBracket,
  type EquityThresholds,
  type RuleSet,
  type StageKey,
  type SubCriterion,
  type TieBreakPolicy,
} from './rules/types';
export { RULE_SETS, ruleSetById, ruleSetInForce } from './rules/rule-sets';
export { resolveConsultedDepartments, resolveDepartment, type DepartmentValidity, type ResolvedDepartment } from './departments/successors';
export { DECREE_32_2024 } from './rules/decree-32-2024';
export { DECREE_32_2024_TWO_LEVEL } from './rules/decree-32-2024-two-level';
export { DECREE_303_2026 } from './rules/decree-303-2026';

export {
  clockStatus,
  pauseClock,
  resumeClock,
  startClock,
  type AppraisalClock,
  type ClockPause,
  type ClockStatus,
} from './clock/appraisal-clock';
export { APPRAISAL_CLOCK_STAGES, appraisalDeadlineOpen } from './clock/appraisal-stages';
export { WITHDRAWABLE_STAGES } from './withdrawal';

export {
  FINANCIAL_EVIDENCE_KINDS,
  type ApplicantFacts,
  type FinancialEvidenceKind,
  type ScreeningCriterion,
  type ScreeningFailure,
  type ScreeningResult,
} from './screening/types';
export { screenApplicant } from './screening/screen-applicant';

export { checklistFor, type ChecklistItem, type DocumentType } from './rules/checklists';
export {
  checklistStatus,
  type ChecklistProblem,
  type ChecklistStatus,
  type ItemState,
  type ItemStatus,
  type VersionFacts,
} from './documents/checklist-status';
export {
  decideCompleteness,
  decideSupplementRequest,
  requestLine,
  type CompletenessDecision,
  type Finding,
  type RequestedItem,
} from './documents/completeness';
export { DOCUMENT_TYPE_NAMES, SNIFF_BYTES, sniffDocumentType } from './documents/sniff';
export { MAX_FILE_NAME_LENGTH, checkFileName, type FileNameCheck } from './documents/file-name';

export type {
  CouncilRole,
  MemberScore,
  RankedApplicant,
  RankingInput,
  RankingResult,
  TieBreak,
  TieBreakMethod,
} from './scoring/types';
export { validateMemberScore } from './scoring/validate-member-score';
export { rankApplicants } from './scoring/rank-applicants';

export { depositFor } from './deposit';
export {
  CLUSTER_AREA_HA,
  EXPANSION_THRESHOLDS,
  NEW_CLUSTER_THRESHOLDS,
  checkClusterArea,
  checkExpansionAllowed,
  checkNewClusterAllowed,
  type ConditionCheck,
} from './cluster-conditions';
export { formatHundredthsPercent, formatNumberVi, formatVnd } from './format';

export * from './monitoring';

export { staffMails, type MailRequest, type StaffNotice } from './notifications';
