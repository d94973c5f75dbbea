/**
 * One monitored cluster (/cum-cong-nghiep/:code, GET /api/clusters/{code}): its stage, investor and
 * decision, the actions open to the signed-in person (DOIT staff record progress, reports,
 * inspections and remediations; managers decide escalations and withdrawal from the plan), the
 * milestones with why each deadline is what it is, the reports, violations, inspections and the
 * timeline from the audit trail.
 */
import { Anchor, Badge, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, call } from '../api/client';
import { useCurrentUser, type CurrentUser } from '../auth/session-hooks';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate } from '../format/dates';
import { FOLLOW_MS } from './DossierPage';
import { clusterKey, openMilestones, openReportPeriods } from './cluster/action';
import { ConversionPlanForm, InspectionForm, RemediationForm } from './cluster/InspectionForms';
import { EscalationForm, violationsAwaitingDecision, WithdrawalForm } from './cluster/ManagerForms';
import { InspectionsPanel, OpenTasksPanel, ViolationsPanel, WithdrawalPanel } from './cluster/OversightPanels';
import { CommitmentsForm, MilestoneForm, ReportForm } from './cluster/ProgressForms';
import { MilestonesPanel, ReportsPanel } from './cluster/ProgressPanels';
import { MONITORING_STAGE_LABELS, percent, type Cluster } from './cluster/words';
import { Timeline } from './dossier/Timeline';

function ClusterActions({ cluster, user }: { cluster: Cluster; user: CurrentUser }) {
  const doit = user.roles.includes('APPRAISER');
  const manager = user.roles.includes('MANAGER');
  // Each form hides itself when there is nothing for it to do (no open milestone, no report due...).
  // A form whose choices come from the cluster is keyed by them: a new violation or report period
  // starts it afresh with the first choice selected.
  const keyOf = (name: string, choices: readonly string[]) => `${name}:${choices.join(',')}`;
  const forms = [
    manager && <EscalationForm key={keyOf('escalation', violationsAwaitingDecision(cluster).map((v) => v.number))} cluster={cluster} />,
    doit && <ConversionPlanForm key="conversion" cluster={cluster} />,
    doit && <RemediationForm key={keyOf('remediation', cluster.openViolations.map((v) => v.number))} cluster={cluster} />,
    doit && <ReportForm key={keyOf('report', openReportPeriods(cluster))} cluster={cluster} />,
    doit && <MilestoneForm key={keyOf('milestone', openMilestones(cluster).map((m) => m.kind))} cluster={cluster} />,
    doit && <CommitmentsForm key="commitments" cluster={cluster} />,
    doit && <InspectionForm key="inspection" cluster={cluster} />,
    manager && <WithdrawalForm key="withdrawal" cluster={cluster} />,
  ].filter(Boolean);
  if (forms.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="viec-cua-cum">
      <Title order={2} size="h4" id="viec-cua-cum">
        Việc cần làm
      </Title>
      {forms}
    </Stack>
  );
}

function ClusterView({ cluster, user }: { cluster: Cluster; user: CurrentUser }) {
  return (
    <Stack gap="lg">
      <Group gap="sm">
        <Badge size="lg" variant="light">
          {MONITORING_STAGE_LABELS[cluster.stage]}
        </Badge>
        {cluster.late && (
          <Badge size="lg" color="red" variant="light">
            Chậm tiến độ
          </Badge>
        )}
        {cluster.polluting && (
          <Badge size="lg" color="red" variant="light">
            Vi phạm môi trường chưa khắc phục
          </Badge>
        )}
        <Text size="sm">
          {cluster.district} · {cluster.areaHa} ha · phiên bản {cluster.version}
        </Text>
      </Group>
      <Text size="sm">
        Chủ đầu tư hạ tầng: {cluster.investor.name} (hồ sơ{' '}
        <Anchor component={Link} to={`/ho-so/${cluster.investor.dossierCode}`}>
          {cluster.investor.dossierCode}
        </Anchor>
        , đợt{' '}
        <Anchor component={Link} to={`/dot/${cluster.roundCode}`}>
          {cluster.roundCode}
        </Anchor>
        ) · quyết định ngày {formatDate(cluster.decidedOn)} · tỷ lệ lấp đầy {percent(cluster.occupancyPercent)}
        {cluster.lowOccupancy && ' (dưới ngưỡng)'}
      </Text>
      <WithdrawalPanel cluster={cluster} />
      <ClusterActions cluster={cluster} user={user} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <MilestonesPanel cluster={cluster} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <OpenTasksPanel cluster={cluster} />
        </Grid.Col>
      </Grid>
      <ReportsPanel cluster={cluster} />
      <ViolationsPanel cluster={cluster} />
      <InspectionsPanel cluster={cluster} />
      <Timeline entries={cluster.timeline} />
    </Stack>
  );
}

export function ClusterPage() {
  const { code = '' } = useParams();
  const user = useCurrentUser();
  const cluster = useQuery({
    queryKey: clusterKey(code),
    queryFn: () => call(api.GET('/api/clusters/{code}', { params: { path: { code } } })),
    refetchInterval: FOLLOW_MS,
  });
  return (
    <Stack>
      <PageTitle>{cluster.data ? `${cluster.data.name} (${code})` : `Cụm công nghiệp ${code}`}</PageTitle>
      <ProblemAlert error={cluster.error} />
      {cluster.isPending && <Loader aria-label="Đang tải cụm công nghiệp" />}
      {cluster.data && user.data && <ClusterView cluster={cluster.data} user={user.data} />}
    </Stack>
  );
}
