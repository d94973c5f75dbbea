/**
 * Which action forms the signed-in person sees on a dossier: those of their role at the dossier's
 * current step (the API checks again and has the last word; a form shown a moment early is retried
 * quietly, one shown on a stale page is refused and explained).
 */
import { Alert, Group, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { CurrentUser } from '../../auth/session-hooks';
import { CompletenessForm, SupplementReceiptForm, SupplementRequestForm, WithdrawalDialog } from './actions/DossierForms';
import { OpinionForm, ScoreForm, ScreeningForm } from './actions/ReviewForms';
import type { Dossier, RuleSet } from './types';

/** Until the council has scored it an applicant may withdraw (domain/withdrawal.ts; the API has the last word). */
const WITHDRAWABLE = ['COMPILATION', 'COMPLETENESS_CHECK', 'SUPPLEMENT_REQUESTED', 'DEPARTMENT_OPINIONS', 'SCREENING', 'SCORING'];

export function DossierActions({ dossier, user, ruleSet }: { dossier: Dossier; user: CurrentUser; ruleSet?: RuleSet }) {
  const has = (role: CurrentUser['roles'][number]) => user.roles.includes(role);
  const open = dossier.status === 'ACTIVE' || dossier.status === 'ON_HOLD';
  const intake = has('INTAKE_OFFICER') && open;
  const documents = useQuery({
    queryKey: ['documents', dossier.code],
    queryFn: () => call(api.GET('/api/dossiers/{code}/documents', { params: { path: { code: dossier.code } } })),
    enabled: intake || has('APPRAISER'),
  });
  const opinionTask = dossier.tasks.find((t) => t.kind === 'DEPARTMENT_OPINION' && t.status === 'OPEN' && t.departmentCode === user.departmentCode);
  const scoredAlready = dossier.scores.some((sheet) => sheet.member === user.username);
  const forms = [
    intake && dossier.stage === 'COMPLETENESS_CHECK' && <CompletenessForm key="completeness" dossier={dossier} documents={documents.data} />,
    intake && dossier.stage === 'SUPPLEMENT_REQUESTED' && <SupplementReceiptForm key="supplement" dossier={dossier} />,
    (intake || has('APPRAISER')) && dossier.stage === 'SCREENING' && <SupplementRequestForm key="supplement-request" dossier={dossier} documents={documents.data} />,
    has('REVIEWER') && opinionTask && <OpinionForm key={`opinion-${opinionTask.version}`} dossier={dossier} task={opinionTask} />,
    has('APPRAISER') && dossier.stage === 'SCREENING' && <ScreeningForm key="screening" dossier={dossier} />,
    has('COUNCIL_MEMBER') && dossier.stage === 'SCORING' && user.councilRole === 'SECRETARY' && (
      <Alert key="secretary" color="gray" variant="light">
        Thư ký Hội đồng không chấm điểm.
      </Alert>
    ),
    // Still said once the last sheet closed the scoring: the member who just sent it sees it was taken.
    has('COUNCIL_MEMBER') && ['SCORING', 'APPRAISAL_REPORT'].includes(dossier.stage) && scoredAlready && (
      <Alert key="scored" color="teal" variant="light">
        Bạn đã gửi phiếu chấm điểm cho hồ sơ này.
      </Alert>
    ),
    has('COUNCIL_MEMBER') && dossier.stage === 'SCORING' && user.councilRole !== 'SECRETARY' && !scoredAlready && ruleSet && <ScoreForm key="score" dossier={dossier} ruleSet={ruleSet} />,
  ].filter(Boolean);
  const withdrawable = intake && WITHDRAWABLE.includes(dossier.stage);
  if (forms.length === 0 && !withdrawable) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="viec-can-lam">
      <Group justify="space-between">
        <Title order={2} size="h4" id="viec-can-lam">
          Việc cần làm
        </Title>
        {withdrawable && <WithdrawalDialog dossier={dossier} />}
      </Group>
      {forms}
    </Stack>
  );
}
