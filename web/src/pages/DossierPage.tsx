/**
 * Screen 3, one dossier (/ho-so/:code): where it stands (stage stepper, status, appraisal clock),
 * each deadline with its explanation, the departments' opinions, the screening result, the score
 * sheets and the round's ranking, report and decision, the documents, the timeline — and the
 * forms of the actions open to the signed-in person at this step (screen 4). The page follows the
 * steps the workflow takes by itself (deemed consents, closing of scoring) by re-reading every
 * few seconds.
 */
import { Alert, Anchor, Badge, Grid, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, call } from '../api/client';
import { useCurrentUser, type CurrentUser } from '../auth/session-hooks';
import { PageTitle } from '../components/PageTitle';
import { PrintButtons } from './print/PrintButtons';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate } from '../format/dates';
import { ROUND_STATUS_LABELS, STATUS_LABELS, type DossierStatus, type RoundStatus } from '../labels';
import { DossierActions } from './dossier/DossierActions';
import { DeadlineList } from './dossier/DeadlineList';
import { DocumentsPanel } from './dossier/DocumentsPanel';
import { OpinionsPanel } from './dossier/OpinionsPanel';
import { ScreeningPanel } from './dossier/ResultsPanels';
import { StageStepper } from './dossier/StageStepper';
import { Timeline } from './dossier/Timeline';
import type { Dossier } from './dossier/types';
import { RoundOutcome } from './round/RoundOutcome';

/** Re-read while a person looks at the page: the workflow moves some steps on its own. */
export const FOLLOW_MS = 4000;

function Clock({ clock }: { clock: Dossier['clock'] }) {
  if (!clock) return null;
  const unit = clock.unit === 'working-days' ? 'ngày làm việc' : 'ngày';
  return (
    <Alert color={clock.overdue ? 'red' : clock.paused ? 'yellow' : 'blue'} variant="light" title="Thời hạn thẩm định" data-testid="appraisal-clock">
      Bắt đầu {formatDate(clock.startedOn)}, hạn {formatDate(clock.due)}: đã dùng {clock.daysUsed} {unit}, còn {clock.daysLeft} {unit}.
      {clock.paused && ` Tạm dừng từ ${formatDate(clock.pausedSince)} (chờ bổ sung hồ sơ).`}
      {clock.overdue && ' Đã quá hạn.'}
    </Alert>
  );
}

function Header({ dossier }: { dossier: Dossier }) {
  return (
    <Stack gap={4}>
      <Group gap="sm">
        <Badge size="lg" variant="light" color={dossier.status === 'ACTIVE' ? 'blue' : dossier.status === 'APPROVED' ? 'teal' : 'gray'}>
          {STATUS_LABELS[dossier.status as DossierStatus] ?? dossier.status}
        </Badge>
        <Text size="sm">phiên bản {dossier.version}</Text>
      </Group>
      <Text fw={600}>{dossier.projectTitle}</Text>
      <Text size="sm">
        {dossier.cluster.name} ({dossier.cluster.district}) · Nhà đầu tư: {dossier.applicant.name}
        {dossier.applicant.taxCode ? ` · MST ${dossier.applicant.taxCode}` : ''}
        {dossier.applicant.email ? ` · ${dossier.applicant.email}` : ''}
      </Text>
      <Text size="sm">
        Nộp ngày {formatDate(dossier.filedOn)} · Đợt lựa chọn{' '}
        <Anchor component={Link} to={`/dot/${dossier.round.code}`}>
          {dossier.round.code}
        </Anchor>{' '}
        ({ROUND_STATUS_LABELS[dossier.round.stage as RoundStatus] ?? dossier.round.stage})
      </Text>
    </Stack>
  );
}

function DossierView({ dossier, user }: { dossier: Dossier; user: CurrentUser }) {
  const ruleSet = useQuery({
    queryKey: ['rule-set', dossier.ruleSetId],
    queryFn: () => call(api.GET('/api/rule-sets/{id}', { params: { path: { id: dossier.ruleSetId } } })),
    staleTime: Infinity,
  });
  const round = useQuery({
    queryKey: ['round', dossier.round.code],
    queryFn: () => call(api.GET('/api/rounds/{code}', { params: { path: { code: dossier.round.code } } })),
    refetchInterval: FOLLOW_MS,
  });
  return (
    <Stack gap="lg">
      <Header dossier={dossier} />
      <StageStepper dossier={dossier} />
      <DossierActions dossier={dossier} user={user} ruleSet={ruleSet.data} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Clock clock={dossier.clock} />
            <DeadlineList deadlines={dossier.deadlines} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <OpinionsPanel dossier={dossier} />
            <ScreeningPanel screening={dossier.screening} />
          </Stack>
        </Grid.Col>
      </Grid>
      <ProblemAlert error={round.error} />
      {round.data && <RoundOutcome round={round.data} ruleSet={ruleSet.data} />}
      <DocumentsPanel code={dossier.code} canUpload={user.roles.includes('INTAKE_OFFICER')} />
      <Timeline entries={dossier.timeline} />
    </Stack>
  );
}

export function DossierPage() {
  const { code = '' } = useParams();
  const user = useCurrentUser();
  const dossier = useQuery({
    queryKey: ['dossier', code],
    queryFn: () => call(api.GET('/api/dossiers/{code}', { params: { path: { code } } })),
    refetchInterval: FOLLOW_MS,
  });
  return (
    <Stack>
      <PageTitle>{`Hồ sơ ${code}`}</PageTitle>
      {dossier.data && <PrintButtons code={dossier.data.code} deadlines={dossier.data.deadlines} />}
      <ProblemAlert error={dossier.error} />
      {dossier.isPending && <Loader aria-label="Đang tải hồ sơ" />}
      {dossier.data && user.data && <DossierView dossier={dossier.data} user={user.data} />}
    </Stack>
  );
}
