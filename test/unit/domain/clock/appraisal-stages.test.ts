import { APPRAISAL_CLOCK_STAGES, DOSSIER_STAGES, ROUND_STATUSES, appraisalDeadlineOpen } from '../../../../domain';

describe('when the appraisal deadline is live', () => {
  test('from the completeness check to the appraisal report, and in no other stage', () => {
    const live = DOSSIER_STAGES.filter((stage) => appraisalDeadlineOpen(stage, 'APPRAISAL'));
    expect(live).toEqual(['COMPLETENESS_CHECK', 'SUPPLEMENT_REQUESTED', 'DEPARTMENT_OPINIONS', 'SCREENING', 'SCORING', 'APPRAISAL_REPORT']);
    expect([...APPRAISAL_CLOCK_STAGES].sort()).toEqual([...live].sort());
  });

  test('a scored dossier waiting at APPRAISAL_REPORT: open until its round has the report (DECISION and after), open again when a returned report puts the round back to REPORT', () => {
    const open = ROUND_STATUSES.filter((round) => appraisalDeadlineOpen('APPRAISAL_REPORT', round));
    expect(open).toEqual(['CALL_PENDING', 'WINDOW_OPEN', 'COMPILATION', 'APPRAISAL', 'REPORT', 'CANCELLED']);
  });
});
