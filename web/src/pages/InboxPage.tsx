/**
 * Hộp việc: the signed-in person's open tasks, most urgent first (the server's order: due date,
 * then age), with the server's deadline badges, a tab per server-side view with its count, and
 * stage and cluster filters, all kept in the address and all applied by the server (GET /api/tasks
 * pages, orders and counts within them).
 */
import { Badge, Button, Group, Select, Stack, Table, Tabs, Text } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate } from '../format/dates';
import { INBOX_TABS, readView, STAGE_OPTIONS, TAB_LABELS, writeView, type InboxView } from './inbox/filters';
import { inboxPages } from './inbox/query';
import { TaskRow } from './inbox/TaskRow';

export function InboxPage() {
  const [params, setParams] = useSearchParams();
  const view = readView(params);
  const setView = (next: Partial<InboxView>) => setParams(writeView({ ...view, ...next }));

  const clusters = useQuery({ queryKey: ['catalogue', 'clusters'], queryFn: () => call(api.GET('/api/catalogue/clusters')) });
  const inbox = useInfiniteQuery(inboxPages(view));
  const first = inbox.data?.pages[0];
  const rows = useMemo(() => inbox.data?.pages.flatMap((page) => page.items) ?? [], [inbox.data]);
  const filtered = Boolean(view.stage || view.cluster);

  // After "Tải thêm việc", the keyboard goes on to the first task of the new page (the button may be gone).
  const body = useRef<HTMLTableSectionElement>(null);
  const focusRow = useRef<number | null>(null);
  useEffect(() => {
    const at = focusRow.current;
    if (at === null || rows.length <= at) return;
    focusRow.current = null;
    body.current?.querySelectorAll<HTMLElement>('tr a')[at]?.focus();
  }, [rows.length]);
  const loadMore = () => {
    focusRow.current = rows.length;
    void inbox.fetchNextPage();
  };

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
          data={STAGE_OPTIONS}
          value={view.stage}
          onChange={(stage) => setView({ stage: stage as InboxView['stage'] })}
          clearable
          w={260}
        />
        <Select
          label="Cụm công nghiệp"
          placeholder="Mọi cụm"
          data={(clusters.data ?? []).map((cluster) => ({ value: cluster.code, label: cluster.name }))}
          value={view.cluster}
          onChange={(cluster) => setView({ cluster })}
          clearable
          searchable
          w={300}
        />
        {filtered && (
          <Button variant="subtle" onClick={() => setView({ stage: null, cluster: null })}>
            Bỏ lọc
          </Button>
        )}
      </Group>
      <ProblemAlert error={inbox.error} />
      {first && (
        <Text size="sm" c="dimmed" aria-live="polite">
          Hôm nay {formatDate(first.today)} · {first.counts[view.tab]}
          {first.countsComplete ? '' : '+'} việc{filtered ? ' khớp bộ lọc' : ''}
          {rows.length < first.counts[view.tab] ? ` · đang hiện ${rows.length}` : ''}
        </Text>
      )}
      {first && rows.length === 0 && <Text>{filtered ? 'Không có việc nào khớp bộ lọc.' : 'Không có việc nào trong nhóm này.'}</Text>}
      {rows.length > 0 && (
        <Table striped highlightOnHover aria-label={`Việc: ${TAB_LABELS[view.tab]}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Hạn</Table.Th>
              <Table.Th>Việc</Table.Th>
              <Table.Th>Hồ sơ / đợt</Table.Th>
              <Table.Th>Bước</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody ref={body}>
            {rows.map((item) => (
              <TaskRow key={item.taskId} item={item} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {inbox.hasNextPage && (
        <Button variant="default" onClick={loadMore} loading={inbox.isFetchingNextPage} w="fit-content">
          Tải thêm việc
        </Button>
      )}
    </Stack>
  );
}
