/**
 * The investor's progress as a manager reads it: each milestone with its deadline (committed in
 * the proposal or provisional), why the date is what it is, when it was achieved and how late; and
 * the periodic reports with occupancy and tenants, priority sectors marked.
 */
import { Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { NO_TRUNCATION } from '../../components/badges';
import { DeadlineBadge } from '../../components/DeadlineBadge';
import { formatDate } from '../../format/dates';
import { SkippedDays } from '../dossier/DeadlineList';
import { openReportPeriods } from './action';
import { MILESTONE_SHORT_NAMES, percent, type Cluster, type Milestone } from './words';

function MilestoneState({ milestone }: { milestone: Milestone }) {
  if (milestone.cancelled) return <Badge color="gray" variant="light" styles={NO_TRUNCATION}>Đã dừng (ra khỏi quy hoạch)</Badge>;
  if (milestone.achievedOn) {
    return (
      <Group gap={4}>
        <Badge color="teal" variant="light" styles={NO_TRUNCATION}>
          Đạt ngày {formatDate(milestone.achievedOn)}
        </Badge>
        {milestone.daysLate > 0 && <Text size="xs">trễ {milestone.daysLate} ngày</Text>}
      </Group>
    );
  }
  if (milestone.daysLate > 0) return <DeadlineBadge workingDaysLeft={-milestone.daysLate} dueOn={milestone.dueOn} />;
  return <Badge variant="light" styles={NO_TRUNCATION}>Chưa đến hạn</Badge>;
}

export function MilestonesPanel({ cluster }: { cluster: Cluster }) {
  return (
    <section aria-labelledby="moc-tien-do">
      <Title order={2} size="h4" id="moc-tien-do" mb="xs">
        Mốc tiến độ
      </Title>
      <Table aria-label="Mốc tiến độ">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Mốc</Table.Th>
            <Table.Th>Hạn</Table.Th>
            <Table.Th>Tình trạng</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cluster.milestones.map((m) => (
            <Table.Tr key={m.kind}>
              <Table.Td>{MILESTONE_SHORT_NAMES[m.kind]}</Table.Td>
              <Table.Td>
                <Text size="sm">
                  {formatDate(m.dueOn)} · {m.committed ? 'theo cam kết của nhà đầu tư' : 'tạm tính từ ngày quyết định'}
                </Text>
                <details>
                  <summary>
                    <Text span size="xs">
                      Vì sao hạn này?
                    </Text>
                  </summary>
                  <SkippedDays skipped={m.skipped} />
                </details>
              </Table.Td>
              <Table.Td>
                <MilestoneState milestone={m} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}

/** A report not received is awaited while its task is open; a withdrawal from the plan cancels it. */
function ReportReceipt({ report, awaited }: { report: Cluster['reports'][number]; awaited: boolean }) {
  if (report.receivedOn) return <>{formatDate(report.receivedOn)}</>;
  if (!awaited) return <Badge color="gray" variant="light" styles={NO_TRUNCATION}>Không còn yêu cầu</Badge>;
  return <Badge color="orange" variant="light" styles={NO_TRUNCATION}>Chưa nhận</Badge>;
}

export function ReportsPanel({ cluster }: { cluster: Cluster }) {
  const awaited = new Set(openReportPeriods(cluster));
  return (
    <section aria-labelledby="bao-cao-dinh-ky">
      <Title order={2} size="h4" id="bao-cao-dinh-ky" mb="xs">
        Báo cáo định kỳ
      </Title>
      {cluster.reports.length === 0 ? (
        <Text c="dimmed">Chưa đến kỳ báo cáo nào.</Text>
      ) : (
        <Table aria-label="Báo cáo định kỳ">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Kỳ đến ngày</Table.Th>
              <Table.Th>Hạn nộp</Table.Th>
              <Table.Th>Ngày nhận</Table.Th>
              <Table.Th>Diện tích cho thuê</Table.Th>
              <Table.Th>Lấp đầy</Table.Th>
              <Table.Th>Doanh nghiệp thứ cấp</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cluster.reports.map((r) => (
              <Table.Tr key={r.periodEnd}>
                <Table.Td>{formatDate(r.periodEnd)}</Table.Td>
                <Table.Td>{formatDate(r.dueOn)}</Table.Td>
                <Table.Td>
                  <ReportReceipt report={r} awaited={awaited.has(r.periodEnd)} />
                </Table.Td>
                <Table.Td>{r.leasedHa === null ? '—' : `${r.leasedHa.toLocaleString('vi-VN')} ha`}</Table.Td>
                <Table.Td>{percent(r.occupancyPercent)}</Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {r.tenants.map((t) => (
                      <Text size="sm" key={t.name}>
                        {t.name} · {t.sector} · {t.leasedHa.toLocaleString('vi-VN')} ha
                        {t.priority && (
                          <Badge ml="xs" size="sm" color="grape" variant="light">
                            ngành ưu tiên
                          </Badge>
                        )}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}
