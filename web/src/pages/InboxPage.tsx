/**
 * Hộp việc: the signed-in person's open tasks, most urgent first (the server's order: due date,
 * then age), with the server's deadline badges, a tab per server-side view with its count, and
 * stage and cluster filters, all kept in the address.
 */
import { Anchor, Badge, Button, Group, Select, Stack, Table, Tabs, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { DeadlineBadge } from '../components/DeadlineBadge';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate } from '../format/dates';
import { stageLabel, TASK_KIND_LABELS, type InboxItem } from '../labels';
import { INBOX_TABS, matches, readView, TAB_LABELS, writeView, type InboxView } from './inbox/filters';

/** Tasks per request: the API's maximum, so most people's whole inbox is one request. */
const PAGE_SIZE = 200;

function taskLink(item: InboxItem): string {
  return item.dossierCode ? `/ho-so/${encodeURIComponent(item.dossierCode)}` : `/dot/${encodeURIComponent(item.roundCode ?? '')}`;
}

export function InboxPage() {
  const [params, setParams] = useSearchParams();
  const view = readView(params);
  const setView = (next: Partial<InboxView>) => setParams(writeView({ ...view, ...next }));

  const inbox = useInfiniteQuery({
    queryKey: ['tasks', view.tab],
    queryFn: ({ pageParam }) =>
      call(api.GET('/api/tasks', { params: { query: { tab: view.tab, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const first = inbox.data?.pages[0];
  const loaded = useMemo(() => inbox.data?.pages.flatMap((page) => page.items) ?? [], [inbox.data]);
  const shown = loaded.filter((item) => matches(item, view));
  const stages = distinct(loaded.map((item) => item.stage)).map((stage) => ({
    value: stage,
    label: stageLabel(stage, loaded.find((item) => item.stage === stage)?.dossierCode === null),
  }));
  const clusters = distinct(loaded.map((item) => item.clusterName)).map((name) => ({ value: name, label: name }));

  return (
    <Stack>
      <PageTitle>Hộp việc</PageTitle>
      <Tabs value={view.tab} onChange={(tab) => setView({ tab: (tab ?? 'all') as InboxView['tab'] })} keepMounted={false}>
        <Tabs.List aria-label="Nhóm việc">
          {INBOX_TABS.map((tab) => (
            <Tabs.Tab key={tab} value={tab} rightSection={first ? <Badge variant="light" color={tab === 'overdue' && first.counts.overdue > 0 ? 'red' : 'gray'}>{first.counts[tab]}{first.countsComplete ? '' : '+'}</Badge> : null}>
              {TAB_LABELS[tab]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Group align="flex-end">
        <Select
          label="Bước"
          placeholder="Mọi bước"
          data={stages}
          value={view.stage}
          onChange={(stage) => setView({ stage })}
          clearable
          w={260}
        />
        <Select
          label="Cụm công nghiệp"
          placeholder="Mọi cụm"
          data={clusters}
          value={view.cluster}
          onChange={(cluster) => setView({ cluster })}
          clearable
          searchable
          w={300}
        />
        {(view.stage || view.cluster) && (
          <Button variant="subtle" onClick={() => setView({ stage: null, cluster: null })}>
            Bỏ lọc
          </Button>
        )}
      </Group>
      <ProblemAlert error={inbox.error} />
      {first && (
        <Text size="sm" c="dimmed" aria-live="polite">
          Hôm nay {formatDate(first.today)} · {shown.length === loaded.length ? `${loaded.length} việc` : `${shown.length} trong ${loaded.length} việc đã tải`}
        </Text>
      )}
      {first && shown.length === 0 && <Text>Không có việc nào trong nhóm này.</Text>}
      {shown.length > 0 && (
        <Table striped highlightOnHover aria-label={`Việc: ${TAB_LABELS[view.tab]}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Hạn</Table.Th>
              <Table.Th>Việc</Table.Th>
              <Table.Th>Hồ sơ / đợt</Table.Th>
              <Table.Th>Bước</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((item) => (
              <Table.Tr key={item.taskId}>
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
            ))}
          </Table.Tbody>
        </Table>
      )}
      {inbox.hasNextPage && (
        <Button variant="default" onClick={() => void inbox.fetchNextPage()} loading={inbox.isFetchingNextPage} w="fit-content">
          Tải thêm việc
        </Button>
      )}
    </Stack>
  );
}

function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}
