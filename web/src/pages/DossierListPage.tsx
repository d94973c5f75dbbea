/**
 * Every dossier, newest filing first (GET /api/dossiers, paged by cursor): filters by cluster, stage,
 * status and overdue kept in the address (a filtered list can be bookmarked and shared), a code to
 * open a dossier directly, and for the intake desk the way to file a new letter.
 */
import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { useCurrentUser } from '../auth/session-hooks';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate } from '../format/dates';
import { STAGE_LABELS, STATUS_LABELS, type DossierStage, type DossierStatus } from '../labels';

const PAGE_SIZE = 50;
const CODE = /^CCN-[0-9A-Z]{5}-[0-9A-Z]{5}$/;

/** The filters as the address says them (Vietnamese parameter names, like the inbox's). */
const PARAMS = { cluster: 'cum', stage: 'giai-doan', status: 'trang-thai', overdue: 'qua-han' } as const;
type Filter = keyof typeof PARAMS;

const options = <T extends string>(labels: Record<T, string>) => (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));

export function DossierListPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const filter = (name: Filter) => params.get(PARAMS[name]);
  const setFilter = (name: Filter, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(PARAMS[name], value);
    else next.delete(PARAMS[name]);
    setParams(next, { replace: true });
  };
  const query = {
    ...(filter('cluster') ? { cluster: filter('cluster') as string } : {}),
    ...(filter('stage') ? { stage: filter('stage') as DossierStage } : {}),
    ...(filter('status') ? { status: filter('status') as DossierStatus } : {}),
    ...(filter('overdue') ? { overdue: filter('overdue') as 'true' | 'false' } : {}),
  };
  const clusters = useQuery({ queryKey: ['catalogue', 'clusters'], queryFn: () => call(api.GET('/api/catalogue/clusters')) });
  const list = useInfiniteQuery({
    queryKey: ['dossiers', query],
    queryFn: ({ pageParam }) => call(api.GET('/api/dossiers', { params: { query: { ...query, pageSize: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const first = list.data?.pages[0];
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.keys(query).length > 0;

  const open = (event: FormEvent) => {
    event.preventDefault();
    const wanted = code.trim().toUpperCase();
    if (!CODE.test(wanted)) return setCodeError('Mã hồ sơ có dạng CCN-XXXXX-XXXXX');
    setCodeError(null);
    void navigate(`/ho-so/${wanted}`);
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <PageTitle>Hồ sơ</PageTitle>
        {me.data?.roles.includes('INTAKE_OFFICER') && (
          <Button component={Link} to="/ho-so/moi">
            Tiếp nhận hồ sơ mới
          </Button>
        )}
      </Group>
      <form onSubmit={open} noValidate>
        <Group align="flex-end">
          <TextInput label="Mở hồ sơ theo mã" placeholder="CCN-XXXXX-XXXXX" value={code} onChange={(e) => setCode(e.currentTarget.value)} error={codeError} w={260} />
          <Button type="submit" variant="default">
            Mở
          </Button>
        </Group>
      </form>
      <Group align="flex-end">
        <Select
          label="Cụm công nghiệp"
          placeholder="Mọi cụm"
          data={(clusters.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          value={filter('cluster')}
          onChange={(v) => setFilter('cluster', v)}
          clearable
          searchable
          w={260}
        />
        <Select label="Bước" placeholder="Mọi bước" data={options(STAGE_LABELS)} value={filter('stage')} onChange={(v) => setFilter('stage', v)} clearable w={240} />
        <Select label="Trạng thái" placeholder="Mọi trạng thái" data={options(STATUS_LABELS)} value={filter('status')} onChange={(v) => setFilter('status', v)} clearable w={200} />
        <Select
          label="Quá hạn"
          placeholder="Tất cả"
          data={[
            { value: 'true', label: 'Có việc quá hạn' },
            { value: 'false', label: 'Không có việc quá hạn' },
          ]}
          value={filter('overdue')}
          onChange={(v) => setFilter('overdue', v)}
          clearable
          w={220}
        />
        {filtered && (
          <Button variant="subtle" onClick={() => setParams({}, { replace: true })}>
            Bỏ lọc
          </Button>
        )}
      </Group>
      <ProblemAlert error={list.error} />
      {first && (
        <Text size="sm" c="dimmed" aria-live="polite">
          {first.total}
          {first.totalExact ? '' : '+'} hồ sơ{filtered ? ' khớp bộ lọc' : ''} · đang hiện {rows.length}
        </Text>
      )}
      {first && rows.length === 0 && <Text>Không có hồ sơ nào.</Text>}
      {rows.length > 0 && (
        <Table striped highlightOnHover aria-label="Danh sách hồ sơ">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Mã hồ sơ</Table.Th>
              <Table.Th>Dự án · nhà đầu tư</Table.Th>
              <Table.Th>Cụm công nghiệp</Table.Th>
              <Table.Th>Ngày nộp</Table.Th>
              <Table.Th>Bước · trạng thái</Table.Th>
              <Table.Th>Hạn gần nhất</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((d) => (
              <Table.Tr key={d.code}>
                <Table.Td>
                  <Anchor component={Link} to={`/ho-so/${d.code}`}>
                    {d.code}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{d.projectTitle}</Text>
                  <Text size="xs" c="dimmed">
                    {d.applicantName}
                  </Text>
                </Table.Td>
                <Table.Td>{d.cluster.name}</Table.Td>
                <Table.Td>{formatDate(d.filedOn)}</Table.Td>
                <Table.Td>
                  {STAGE_LABELS[d.stage]} · {STATUS_LABELS[d.status]}
                </Table.Td>
                <Table.Td>
                  {d.nextDue ? formatDate(d.nextDue) : '—'}
                  {d.overdue && (
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
      {list.hasNextPage && (
        <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} w="fit-content">
          Tải thêm hồ sơ
        </Button>
      )}
    </Stack>
  );
}
