/**
 * Where the dossier stands in the procedure of Decree 32/2024 (DOMAIN.md §2). A supplement
 * request is part of the completeness step; a closed dossier shows the step it ended at, in red
 * when it ended without approval.
 */
import { Stepper } from '@mantine/core';
import { STAGE_LABELS, STATUS_LABELS, type DossierStage, type DossierStatus } from '../../labels';
import type { Dossier } from './types';

const STEPS: DossierStage[] = [
  'APPLICATION',
  'PUBLIC_CALL',
  'COMPILATION',
  'COMPLETENESS_CHECK',
  'DEPARTMENT_OPINIONS',
  'SCREENING',
  'SCORING',
  'APPRAISAL_REPORT',
  'DECISION',
];

/** The last stage the dossier was at before CLOSED, read from its timeline's transitions. */
function stageBeforeClosing(dossier: Dossier): DossierStage {
  const stages = dossier.timeline
    .map((entry) => (entry.newValue as { stage?: DossierStage } | null | undefined)?.stage)
    .filter((stage): stage is DossierStage => stage !== undefined && stage !== 'CLOSED' && stage !== 'MONITORING');
  return stages.at(-1) ?? 'APPLICATION';
}

function activeStep(dossier: Dossier): number {
  const stage = dossier.stage as DossierStage;
  if (stage === 'MONITORING' || dossier.status === 'APPROVED') return STEPS.length;
  if (stage === 'SUPPLEMENT_REQUESTED') return STEPS.indexOf('COMPLETENESS_CHECK');
  if (stage === 'CLOSED') return STEPS.indexOf(stageBeforeClosing(dossier) === 'SUPPLEMENT_REQUESTED' ? 'COMPLETENESS_CHECK' : stageBeforeClosing(dossier));
  return STEPS.indexOf(stage);
}

export function StageStepper({ dossier }: { dossier: Dossier }) {
  const active = activeStep(dossier);
  const endedBadly = dossier.stage === 'CLOSED' && dossier.status !== 'APPROVED';
  const status = STATUS_LABELS[dossier.status as DossierStatus] ?? dossier.status;
  return (
    <nav aria-label="Các bước của hồ sơ">
      <Stepper active={active} size="xs" color={endedBadly ? 'red' : 'blue'} allowNextStepsSelect={false} wrap>
        {STEPS.map((step, index) => (
          <Stepper.Step
            key={step}
            label={STAGE_LABELS[step]}
            description={index === active ? (dossier.stage === 'SUPPLEMENT_REQUESTED' ? 'Chờ bổ sung' : endedBadly ? status : 'Bước hiện tại') : undefined}
            aria-current={index === active ? 'step' : undefined}
          />
        ))}
      </Stepper>
    </nav>
  );
}
