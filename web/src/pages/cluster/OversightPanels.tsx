/**
 * What the province watches besides progress: the open tasks of the cluster with their deadlines,
 * the violations with their remediation deadline and each decided step of the ladder (who, when,
 * why), the inspections recorded, and the withdrawal from the plan with its conversion plan.
 */
import { Badge, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { ROLE_LABELS, type Role } from '../../labels';
import { formatDate } from '../../format/dates';
import { AREA_LABELS, decidedSteps, INSPECTION_KIND_LABELS, MEASURE_LABELS, STEP_LABELS, VIOLATION_STATUS_LABELS, type Cluster, type InspectionArea } from './words';

export function OpenTasksPanel({ cluster }: { cluster: Cluster }) {
  const open = cluster.tasks.filter((t) => t.status === 'OPEN');
  return (
    <section aria-labelledby="viec-dang-mo">
      <Title order={2} size="h4" id="viec-dang-mo" mb="xs">
        Việc đang mở
      </Title>
      {open.length === 0 ? (
        <Text c="dimmed">Không có việc nào đang mở.</Text>
      ) : (
        <Table aria-label="Việc đang mở của cụm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Việc</Table.Th>
              <Table.Th>Người làm</Table.Th>
              <Table.Th>Hạn</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {open.map((t) => (
              <Table.Tr key={t.taskId}>
                <Table.Td>{t.title}</Table.Td>
                <Table.Td>{t.role ? (ROLE_LABELS[t.role as Role] ?? t.role) : '—'}</Table.Td>
                <Table.Td>
                  {t.dueOn ? formatDate(t.dueOn) : '—'}
                  {t.overdue && (
                    <Badge ml="xs" color="red" variant="light">
                      quá hạn
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}

export function ViolationsPanel({ cluster }: { cluster: Cluster }) {
  return (
    <section aria-labelledby="vi-pham">
      <Title order={2} size="h4" id="vi-pham" mb="xs">
        Vi phạm
      </Title>
      {cluster.violations.length === 0 ? (
        <Text c="dimmed">Chưa phát hiện vi phạm nào.</Text>
      ) : (
        <Stack gap="xs">
          {cluster.violations.map((v) => (
            <Paper withBorder p="sm" key={v.number} aria-label={`Vi phạm ${v.number}`} component="article">
              <Text fw={600}>
                {v.number} · {AREA_LABELS[v.area]}: {v.description}
              </Text>
              <Text size="sm">
                <Badge color={v.status === 'OPEN' ? 'red' : 'teal'} variant="light" mr="xs">
                  {VIOLATION_STATUS_LABELS[v.status] ?? v.status}
                </Badge>
                {v.status === 'OPEN' && `hạn khắc phục ${formatDate(v.remediationDueOn)}`}
                {v.step && ` · bước hiện tại: ${STEP_LABELS[v.step]}`}
              </Text>
              {decidedSteps(v).length > 0 && (
                <List size="sm" mt={4}>
                  {decidedSteps(v).map((s, i) => (
                    <List.Item key={`${s.on}-${i}`}>
                      {formatDate(s.on)}, {s.by}: {s.outcome === 'EXTEND' ? `gia hạn ở bước ${STEP_LABELS[s.step]}` : STEP_LABELS[s.step]}
                      {s.measure && ` (${MEASURE_LABELS[s.measure]})`} — {s.reason}
                      {s.remediationDue && `; khắc phục trước ${formatDate(s.remediationDue)}`}
                    </List.Item>
                  ))}
                </List>
              )}
            </Paper>
          ))}
        </Stack>
      )}
    </section>
  );
}

export function InspectionsPanel({ cluster }: { cluster: Cluster }) {
  return (
    <section aria-labelledby="kiem-tra">
      <Title order={2} size="h4" id="kiem-tra" mb="xs">
        Kiểm tra
      </Title>
      {cluster.inspections.length === 0 ? (
        <Text c="dimmed">Chưa có cuộc kiểm tra nào.</Text>
      ) : (
        <Table aria-label="Các cuộc kiểm tra">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Ngày</Table.Th>
              <Table.Th>Nội dung</Table.Th>
              <Table.Th>Hình thức</Table.Th>
              <Table.Th>Kết quả</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cluster.inspections.map((i) => (
              <Table.Tr key={i.number}>
                <Table.Td>{formatDate(i.inspectedOn)}</Table.Td>
                <Table.Td>
                  {AREA_LABELS[i.area as InspectionArea] ?? i.area}
                  {i.tenant && <Text size="xs">{i.tenant}</Text>}
                </Table.Td>
                <Table.Td>
                  {INSPECTION_KIND_LABELS[i.kind] ?? i.kind}
                  {i.reason && <Text size="xs">{i.reason}</Text>}
                </Table.Td>
                <Table.Td>
                  {i.findings}
                  <Text size="xs">{i.by}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}

interface Withdrawal {
  reason: string;
  on: string;
  by: string;
  plan: { summary: string; on: string; by: string; tracked: string[] } | null;
}

export function WithdrawalPanel({ cluster }: { cluster: Cluster }) {
  const withdrawal = cluster.withdrawal as Withdrawal | null;
  if (!withdrawal) return null;
  return (
    <Paper withBorder p="sm" component="section" aria-label="Đưa ra khỏi quy hoạch">
      <Title order={2} size="h4" mb="xs">
        Đã đưa ra khỏi quy hoạch
      </Title>
      <Text size="sm">
        Ngày {formatDate(withdrawal.on)}, {withdrawal.by}: {withdrawal.reason}
      </Text>
      {withdrawal.plan ? (
        <>
          <Text size="sm" mt="xs">
            Phương án ({formatDate(withdrawal.plan.on)}, {withdrawal.plan.by}): {withdrawal.plan.summary}
          </Text>
          <Text size="sm">Còn theo dõi:</Text>
          <List size="sm">
            {withdrawal.plan.tracked.map((t) => (
              <List.Item key={t}>{t}</List.Item>
            ))}
          </List>
        </>
      ) : (
        <Text size="sm" mt="xs">
          Đang chờ Sở Công Thương lập phương án chuyển đổi, quản lý.
        </Text>
      )}
    </Paper>
  );
}
