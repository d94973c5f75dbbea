/**
 * A selection round (/dot/:code): its stage, deadlines with their explanation, applicants, the
 * round's actions open to the signed-in person (call, submission to DOIT, report, decision), the
 * score sheets, ranking, report and decisions, and its timeline.
 */
import { Anchor, Badge, Grid, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, call } from '../api/client';
import { useCurrentUser, type CurrentUser } from '../auth/session-hooks';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate } from '../format/dates';
import { ROUND_STATUS_LABELS, STAGE_LABELS, STATUS_LABELS, type DossierStage, type DossierStatus, type RoundStatus } from '../labels';
import { FOLLOW_MS } from './DossierPage';
import { DeadlineList } from './dossier/DeadlineList';
import { Timeline } from './dossier/Timeline';
import type { Round, RuleSet } from './dossier/types';
import { RoundOutcome } from './round/RoundOutcome';
import { AnnouncementForm, DecisionDialog, ReportForm, SubmissionForm } from './round/RoundForms';

/** The PC officer who runs the call: district PC under Decree 32/2024, the commune PC after 1/7/2025. */
const CALL_DEPARTMENTS = ['DISTRICT_PC', 'COMMUNE_PC'];

function RoundActions({ round, user, ruleSet }: { round: Round; user: CurrentUser; ruleSet?: RuleSet }) {
  const openTask = (kind: string) => round.tasks.find((task) => task.kind === kind && task.status === 'OPEN');
  const pcOfficer = user.roles.includes('REVIEWER') && CALL_DEPARTMENTS.includes(user.departmentCode ?? '');
  const forms = [
    pcOfficer && openTask('CALL_ANNOUNCEMENT') && <AnnouncementForm key="announcement" round={round} />,
    pcOfficer && openTask('DOSSIER_SUBMISSION') && <SubmissionForm key="submission" round={round} />,
    user.roles.includes('APPRAISER') && openTask('APPRAISAL_REPORT') && <ReportForm key="report" round={round} ruleSet={ruleSet} />,
    user.roles.includes('MANAGER') && openTask('DECISION') && <DecisionDialog key="decision" round={round} />,
  ].filter(Boolean);
  if (forms.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="viec-cua-dot">
      <Title order={2} size="h4" id="viec-cua-dot">
        Việc cần làm
      </Title>
      {forms}
    </Stack>
  );
}

function Applicants({ round }: { round: Round }) {
  return (
    <section aria-labelledby="nha-dau-tu">
      <Title order={2} size="h4" id="nha-dau-tu" mb="xs">
        Hồ sơ của đợt
      </Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Mã hồ sơ</Table.Th>
            <Table.Th>Nhà đầu tư</Table.Th>
            <Table.Th>Ngày nộp</Table.Th>
            <Table.Th>Bước</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {round.applicants.map((applicant) => (
            <Table.Tr key={applicant.code}>
              <Table.Td>
                <Anchor component={Link} to={`/ho-so/${applicant.code}`}>
                  {applicant.code}
                </Anchor>
              </Table.Td>
              <Table.Td>{applicant.applicantName}</Table.Td>
              <Table.Td>{formatDate(applicant.filedOn)}</Table.Td>
              <Table.Td>
                {STAGE_LABELS[applicant.stage as DossierStage] ?? applicant.stage} · {STATUS_LABELS[applicant.status as DossierStatus] ?? applicant.status}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}

export function RoundPage() {
  const { code = '' } = useParams();
  const user = useCurrentUser();
  const round = useQuery({
    queryKey: ['round', code],
    queryFn: () => call(api.GET('/api/rounds/{code}', { params: { path: { code } } })),
    refetchInterval: FOLLOW_MS,
  });
  const ruleSetId = round.data?.ruleSetId ?? '';
  const ruleSet = useQuery({
    queryKey: ['rule-set', ruleSetId],
    queryFn: () => call(api.GET('/api/rule-sets/{id}', { params: { path: { id: ruleSetId } } })),
    enabled: ruleSetId !== '',
    staleTime: Infinity,
  });
  return (
    <Stack>
      <PageTitle>{`Đợt lựa chọn ${code}`}</PageTitle>
      <ProblemAlert error={round.error} />
      {round.isPending && <Loader aria-label="Đang tải đợt lựa chọn" />}
      {round.data && user.data && (
        <Stack gap="lg">
          <Group gap="sm">
            <Badge size="lg" variant="light">
              {ROUND_STATUS_LABELS[round.data.stage as RoundStatus] ?? round.data.stage}
            </Badge>
            <Text size="sm">
              {round.data.cluster.name} · mở ngày {formatDate(round.data.openedOn)} · phiên bản {round.data.version}
            </Text>
          </Group>
          {round.data.announcement && (
            <Text size="sm">
              Thông báo mời nộp hồ sơ ngày {formatDate(round.data.announcement.announcedOn)} tại {round.data.announcement.publishedAt}
            </Text>
          )}
          <RoundActions round={round.data} user={user.data} ruleSet={ruleSet.data} />
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 5 }}>
              <DeadlineList deadlines={round.data.deadlines} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Applicants round={round.data} />
            </Grid.Col>
          </Grid>
          <RoundOutcome round={round.data} ruleSet={ruleSet.data} />
          <Timeline entries={round.data.timeline} />
        </Stack>
      )}
    </Stack>
  );
}
