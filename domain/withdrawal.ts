import type { DossierStage } from './vocabulary';

/**
 * Stages from which the applicant may withdraw its dossier: from the letter (waiting in its round)
 * until the council has scored it. After that the round's ranking stands on the sheets, and a
 * withdrawal would change the report being written. The workflow also refuses once scoring is closing.
 */
export const WITHDRAWABLE_STAGES: readonly DossierStage[] = ['COMPILATION', 'COMPLETENESS_CHECK', 'SUPPLEMENT_REQUESTED', 'DEPARTMENT_OPINIONS', 'SCREENING', 'SCORING'];
