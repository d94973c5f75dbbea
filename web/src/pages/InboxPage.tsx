/**
 * Hộp việc: the signed-in person's open tasks, most urgent first as the server sorts them.
 */
import { Anchor, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, call } from '../api/client';
import { DeadlineBadge } from '../components/DeadlineBadge';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate } from '../format/dates';
import { stageLabel, TASK_KIND_LABELS } from '../labels';

export function InboxPage() {
  const inbox = useQuery({ queryKey: ['tasks'], queryFn: () => call(api.GET('/api/tasks')) });
  return (
    <Stack>
      <PageTitle>Hộp việc</PageTitle>
      <ProblemAlert error={inbox.error} />
      {inbox.data && (
        <>
          <Text size="sm" c="dimmed">
            Hôm nay {formatDate(inbox.data.today)} · {inbox.data.items.length} việc đang mở
          </Text>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Việc</Table.Th>
                <Table.Th>Hồ sơ / đợt</Table.Th>
                <Table.Th>Bước</Table.Th>
                <Table.Th>Hạn</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {inbox.data.items.map((item) => (
                <Table.Tr key={item.taskId}>
                  <Table.Td>{TASK_KIND_LABELS[item.kind]}</Table.Td>
                  <Table.Td>
                    {item.dossierCode ? (
                      <Anchor component={Link} to={`/ho-so/${item.dossierCode}`}>
                        {item.dossierCode}
                      </Anchor>
                    ) : (
                      item.roundCode
                    )}
                    <Text size="xs" c="dimmed">
                      {item.clusterName}
                    </Text>
                  </Table.Td>
                  <Table.Td>{stageLabel(item.stage, item.dossierCode === null)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <DeadlineBadge workingDaysLeft={item.workingDaysLeft} dueOn={item.dueOn} nearDue={item.nearDue} />
                      <Text size="xs">{formatDate(item.dueOn)}</Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
