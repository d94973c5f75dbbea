/**
 * The monitored clusters (/cum-cong-nghiep, GET /api/clusters): each approved cluster's stage, its
 * investor, the next milestone with its deadline and days late, the latest report and occupancy,
 * the open violations; the managers' filters (late, polluting, low occupancy, without wastewater
 * treatment, stage) kept in the address, so the dashboard links to a filtered list.
 */
import { Anchor, Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { DeadlineBadge } from '../components/DeadlineBadge';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate } from '../format/dates';
import { CLUSTER_FILTER_PARAMS, readClusterQuery, type ClusterFilter } from './cluster/filters';
import { MILESTONE_SHORT_NAMES, MONITORING_STAGE_LABELS, nextMilestone, percent, type ClusterSummary } from './cluster/words';

const FLAGS: readonly { filter: Exclude<ClusterFilter, 'stage'>; label: string; yes: string; no: string }[] = [
  { filter: 'late', label: 'Chậm tiến độ', yes: 'Có việc quá hạn', no: 'Không quá hạn' },
  { filter: 'polluting', label: 'Vi phạm môi trường', yes: 'Có vi phạm chưa khắc phục', no: 'Không có' },
  { filter: 'lowOccupancy', label: 'Tỷ lệ lấp đầy', yes: 'Dưới ngưỡng', no: 'Không dưới ngưỡng' },
  { filter: 'withoutEnvironmentalInfrastructure', label: 'Trạm xử lý nước thải', yes: 'Chưa vận hành', no: 'Đã vận hành' },
];

function NextMilestone({ cluster }: { cluster: ClusterSummary }) {
  const next = nextMilestone(cluster.milestones);
  if (!next) return <Text size="sm">Đã đạt mọi mốc</Text>;
  return (
    <Stack gap={2}>
      <Text size="sm">{MILESTONE_SHORT_NAMES[next.kind]}</Text>
      <Group gap={4}>
        <Text size="xs">hạn {formatDate(next.dueOn)}</Text>
        {next.daysLate > 0 && <DeadlineBadge workingDaysLeft={-next.daysLate} dueOn={next.dueOn} />}
      </Group>
    </Stack>
  );
}

function ClusterRow({ cluster }: { cluster: ClusterSummary }) {
  const report = cluster.latestReport;
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/cum-cong-nghiep/${cluster.code}`}>
          {cluster.name}
        </Anchor>
        <Text size="xs">
          {cluster.code} · {cluster.district} · {cluster.areaHa} ha
        </Text>
      </Table.Td>
      <Table.Td>
        {MONITORING_STAGE_LABELS[cluster.stage]}
        {cluster.late && (
          <Badge ml="xs" color="red" variant="light">
            chậm tiến độ
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{cluster.investor.name}</Text>
        <Text size="xs">QĐ ngày {formatDate(cluster.decidedOn)}</Text>
      </Table.Td>
      <Table.Td>
        <NextMilestone cluster={cluster} />
      </Table.Td>
      <Table.Td>{report?.receivedOn ? `Kỳ đến ${formatDate(report.periodEnd)}, nhận ${formatDate(report.receivedOn)}` : 'Chưa có'}</Table.Td>
      <Table.Td>
        {percent(cluster.occupancyPercent)}
        {cluster.lowOccupancy && (
          <Badge ml="xs" color="orange" variant="light">
            dưới ngưỡng
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        {cluster.openViolations.length}
        {cluster.polluting && (
          <Badge ml="xs" color="red" variant="light">
            môi trường
          </Badge>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function ClusterListPage() {
  const [params, setParams] = useSearchParams();
  const query = readClusterQuery(params);
  const setFilter = (name: ClusterFilter, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(CLUSTER_FILTER_PARAMS[name], value);
    else next.delete(CLUSTER_FILTER_PARAMS[name]);
    setParams(next, { replace: true });
  };
  const list = useQuery({ queryKey: ['clusters', query], queryFn: () => call(api.GET('/api/clusters', { params: { query } })) });
  const filtered = Object.keys(query).length > 0;
  return (
    <Stack>
      <PageTitle>Cụm công nghiệp đang theo dõi</PageTitle>
      <Group align="flex-end">
        {FLAGS.map((flag) => (
          <Select
            key={flag.filter}
            label={flag.label}
            placeholder="Tất cả"
            data={[
              { value: 'true', label: flag.yes },
              { value: 'false', label: flag.no },
            ]}
            value={query[flag.filter] ?? null}
            onChange={(v) => setFilter(flag.filter, v)}
            clearable
            w={210}
          />
        ))}
        <Select
          label="Giai đoạn"
          placeholder="Mọi giai đoạn"
          data={Object.entries(MONITORING_STAGE_LABELS).map(([value, label]) => ({ value, label }))}
          value={query.stage ?? null}
          onChange={(v) => setFilter('stage', v)}
          clearable
          w={230}
        />
        {filtered && (
          <Button variant="subtle" onClick={() => setParams({}, { replace: true })}>
            Bỏ lọc
          </Button>
        )}
      </Group>
      <ProblemAlert error={list.error} />
      {list.data && (
        <Text size="sm" aria-live="polite">
          {list.data.length} cụm{filtered ? ' khớp bộ lọc' : ''}
        </Text>
      )}
      {list.data && list.data.length === 0 && <Text>Không có cụm nào.</Text>}
      {list.data && list.data.length > 0 && (
        <Table striped highlightOnHover aria-label="Danh sách cụm công nghiệp đang theo dõi">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Cụm công nghiệp</Table.Th>
              <Table.Th>Giai đoạn</Table.Th>
              <Table.Th>Chủ đầu tư hạ tầng</Table.Th>
              <Table.Th>Mốc tiếp theo</Table.Th>
              <Table.Th>Báo cáo gần nhất</Table.Th>
              <Table.Th>Lấp đầy</Table.Th>
              <Table.Th>Vi phạm đang mở</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((cluster) => (
              <ClusterRow key={cluster.code} cluster={cluster} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
