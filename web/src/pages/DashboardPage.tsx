/**
 * Screen 5, the manager's dashboard: dossiers by stage and by status, overdue and near-due, and
 * the median working days a dossier stays in each stage, each as a chart with its table beside it.
 * Every figure is the server's (GET /api/dashboard); the page only names and draws them.
 */
import '@mantine/charts/styles.css';
import { Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import type { components } from '../api/openapi';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate } from '../format/dates';
import { STAGE_LABELS, STATUS_LABELS, type DossierStage, type DossierStatus } from '../labels';
import { ChartWithTable, formatNumber, type ChartRow } from './dashboard/ChartWithTable';
import { clusterListLink } from './cluster/filters';

function stageName(code: string): string {
  return STAGE_LABELS[code as DossierStage] ?? code;
}

/** Rows in the vocabulary's order (the order of the procedure), so charts read top to bottom as a dossier moves. */
function rowsOf<K extends string>(counts: Record<K, number>, labels: Record<K, string>): ChartRow[] {
  return (Object.keys(labels) as K[]).map((key) => ({ key, label: labels[key], value: counts[key] ?? 0 }));
}

function Figure({ label, value, tone }: { label: string; value: number; tone?: 'red' | 'orange' }) {
  return (
    <Card withBorder padding="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} c={tone ? `${tone}.9` : undefined}>
        {formatNumber(value)}
      </Text>
    </Card>
  );
}

export function DashboardPage() {
  const dashboard = useQuery({ queryKey: ['dashboard'], queryFn: () => call(api.GET('/api/dashboard')) });
  const data = dashboard.data;
  const open = data ? data.byStatus.ACTIVE + data.byStatus.ON_HOLD : 0;
  return (
    <Stack>
      <PageTitle>Tổng quan</PageTitle>
      <ProblemAlert error={dashboard.error} />
      {data && (
        <>
          <Text size="sm" c="dimmed">
            Số liệu đến ngày {formatDate(data.today)}
          </Text>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Figure label="Tổng số hồ sơ" value={data.total} />
            <Figure label="Chưa kết thúc (đang xử lý, tạm dừng)" value={open} />
            <Figure label="Quá hạn" value={data.overdue} tone="red" />
            <Figure label="Sắp đến hạn (≤ 2 ngày làm việc)" value={data.nearDue} tone="orange" />
          </SimpleGrid>
          <ChartWithTable title="Hồ sơ theo giai đoạn" valueLabel="Số hồ sơ" rows={rowsOf<DossierStage>(data.byStage, STAGE_LABELS)} />
          <ChartWithTable title="Hồ sơ theo trạng thái" valueLabel="Số hồ sơ" color="teal.8" rows={rowsOf<DossierStatus>(data.byStatus, STATUS_LABELS)} />
          <ChartWithTable
            title="Quá hạn và sắp đến hạn"
            description="Hồ sơ có việc đang mở: quá hạn, hoặc việc gần nhất còn không quá 2 ngày làm việc."
            valueLabel="Số hồ sơ"
            color="red.8"
            rows={[
              { key: 'overdue', label: 'Quá hạn', value: data.overdue },
              { key: 'nearDue', label: 'Sắp đến hạn', value: data.nearDue },
            ]}
          />
          <ChartWithTable
            title="Thời gian xử lý theo giai đoạn"
            description={`Trung vị số ngày làm việc hồ sơ ở mỗi giai đoạn, với các lượt kết thúc từ ${formatDate(data.stageDurations.from)} đến ${formatDate(data.stageDurations.to)}.`}
            valueLabel="Trung vị (ngày làm việc)"
            color="grape.8"
            emptyText="Chưa có hồ sơ nào rời một giai đoạn trong kỳ này"
            rows={Object.entries(data.stageDurations.stages)
              .filter(([, stage]) => stage.samples > 0)
              .sort(([a], [b]) => stageOrder(a) - stageOrder(b))
              .map(([code, stage]) => ({ key: code, label: `${stageName(code)} (${stage.samples} lượt)`, value: stage.medianWorkingDays }))}
          />
          <ChartWithTable
            title="Cụm công nghiệp sau quyết định"
            description="Cụm đã có chủ đầu tư hạ tầng, đang được theo dõi thực hiện dự án (vi phạm đếm theo từng vi phạm, các dòng khác theo cụm)."
            valueLabel="Số lượng"
            color="cyan.8"
            rows={MONITORING_ROWS.map(([key, label, filters]) => ({ key, label, value: data.monitoring[key], link: filters && clusterListLink(filters) }))}
          />
          <Group justify="flex-end">
            <Text size="xs" c="dimmed">
              Đếm theo sổ hồ sơ; số liệu cập nhật mỗi khi hồ sơ chuyển bước.
            </Text>
          </Group>
        </>
      )}
    </Stack>
  );
}

type MonitoringFigure = keyof NonNullable<components['schemas']['Dashboard']['monitoring']>;

/** The monitored clusters' figures, in the words GET /api/clusters filters by, each linking to its filtered list (open violations have no filter of their own). */
const MONITORING_ROWS: readonly [MonitoringFigure, string, Parameters<typeof clusterListLink>[0] | undefined][] = [
  ['monitored', 'Cụm đang theo dõi', {}],
  ['late', 'Chậm tiến độ (có mốc, báo cáo hoặc việc xử lý quá hạn)', { late: 'true' }],
  ['polluting', 'Có vi phạm môi trường chưa khắc phục', { polluting: 'true' }],
  ['lowOccupancy', 'Tỷ lệ lấp đầy dưới ngưỡng', { lowOccupancy: 'true' }],
  ['withoutEnvironmentalInfrastructure', 'Chưa vận hành trạm xử lý nước thải tập trung', { withoutEnvironmentalInfrastructure: 'true' }],
  ['openViolations', 'Vi phạm chưa khắc phục', undefined],
  ['withdrawnFromPlan', 'Đã đưa ra khỏi quy hoạch', { stage: 'WITHDRAWN_FROM_PLAN' }],
];

const STAGE_ORDER = Object.keys(STAGE_LABELS);
function stageOrder(code: string): number {
  const index = STAGE_ORDER.indexOf(code);
  return index === -1 ? STAGE_ORDER.length : index;
}
