/**
 * One task of the inbox. Memoised: "Tải thêm việc" appends a page, and the rows already drawn keep
 * their item objects (react-query shares unchanged data), so only the new page's rows are drawn.
 */
import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { memo } from 'react';
import { Link } from 'react-router';
import { DeadlineBadge } from '../../components/DeadlineBadge';
import { formatDate } from '../../format/dates';
import { stageLabel, TASK_KIND_LABELS, type InboxItem } from '../../labels';

/** A monitoring task (its dossier is at MONITORING) is done on the cluster's page; the others on their dossier or round. */
function taskLink(item: InboxItem): string {
  if (item.stage === 'MONITORING') return `/cum-cong-nghiep/${encodeURIComponent(item.clusterCode)}`;
  return item.dossierCode ? `/ho-so/${encodeURIComponent(item.dossierCode)}` : `/dot/${encodeURIComponent(item.roundCode ?? '')}`;
}

export const TaskRow = memo(function TaskRow({ item }: { item: InboxItem }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Stack gap={2} align="flex-start">
          <DeadlineBadge workingDaysLeft={item.workingDaysLeft} dueOn={item.dueOn} nearDue={item.nearDue} />
          <Text size="xs">{formatDate(item.dueOn)}</Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={taskLink(item)}>
          {TASK_KIND_LABELS[item.kind] ?? item.kind}
        </Anchor>
        {item.assignedToMe && (
          <Badge ml="xs" size="sm" variant="light">
            giao cho tôi
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{item.dossierCode ?? item.roundCode}</Text>
        <Text size="xs" c="dimmed">
          {item.projectTitle} · {item.clusterName}
        </Text>
      </Table.Td>
      <Table.Td>{stageLabel(item.stage, item.dossierCode === null)}</Table.Td>
    </Table.Tr>
  );
});
