import type { DossierStage, RoundStatus } from '../vocabulary';

/**
 * The dossier stages during which its appraisal clock is live: from the completeness check to the
 * appraisal report (DOMAIN.md §2 stage 8: the report is due 25 d from a complete dossier, pausing
 * while supplements are awaited). APPRAISAL_REPORT is one of them: a scored dossier waits there for
 * its round's report, which is what the clock measures. The workflow recomputes the due date on a
 * calendar change in these stages; the staff view shows the deadline open and can mark it overdue.
 */
export const APPRAISAL_CLOCK_STAGES: readonly DossierStage[] = [
  'COMPLETENESS_CHECK',
  'SUPPLEMENT_REQUESTED',
  'DEPARTMENT_OPINIONS',
  'SCREENING',
  'SCORING',
  'APPRAISAL_REPORT',
];

/** A round in one of these has its report: its dossiers' appraisal deadline has been met. */
const REPORTED: readonly RoundStatus[] = ['DECISION', 'DECIDED', 'NO_INVESTOR'];

/** Is the dossier's appraisal deadline still to be met? A live stage, and at APPRAISAL_REPORT only until the round's report is in. */
export function appraisalDeadlineOpen(stage: DossierStage, roundStatus: RoundStatus): boolean {
  if (!APPRAISAL_CLOCK_STAGES.includes(stage)) return false;
  return stage !== 'APPRAISAL_REPORT' || !REPORTED.includes(roundStatus);
}
