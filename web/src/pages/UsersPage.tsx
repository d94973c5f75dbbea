/**
 * Screen 6a, accounts and roles (administrators): every account with its roles, department,
 * council seat and whether it may sign in; "Thêm tài khoản" and "Sửa" open the same dialog.
 */
import { Button, Group, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';
import { ROLE_LABELS } from '../labels';
import { COUNCIL_ROLE_LABELS, UserFormDialog, type User } from './admin/UserFormDialog';

function matches(user: User, text: string): boolean {
  const needle = text.trim().toLocaleLowerCase('vi');
  if (!needle) return true;
  return [user.username, user.fullName, user.email, user.departmentCode ?? ''].some((value) => value.toLocaleLowerCase('vi').includes(needle));
}

export function UsersPage() {
  const users = useQuery({ queryKey: ['users'], queryFn: () => call(api.GET('/api/users')) });
  const [params, setParams] = useSearchParams();
  const search = params.get('tim') ?? '';
  // undefined: closed; null: a new account; a user: editing that account.
  const [editing, setEditing] = useState<User | null | undefined>(undefined);
  const shown = (users.data?.items ?? []).filter((user) => matches(user, search));

  return (
    <Stack>
      <PageTitle>Người dùng</PageTitle>
      <Group justify="space-between" align="flex-end">
        <TextInput
          label="Tìm tài khoản"
          placeholder="Tên đăng nhập, họ tên, email, sở"
          value={search}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setParams(value ? { tim: value } : {}, { replace: true });
          }}
          w={320}
        />
        <Button onClick={() => setEditing(null)}>Thêm tài khoản</Button>
      </Group>
      <ProblemAlert error={users.error} />
      {users.data && (
        <>
          <Text size="sm" c="dimmed">
            {shown.length} / {users.data.items.length} tài khoản
          </Text>
          <Table striped highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Tên đăng nhập</Table.Th>
                <Table.Th scope="col">Họ và tên</Table.Th>
                <Table.Th scope="col">Vai trò</Table.Th>
                <Table.Th scope="col">Sở, ngành</Table.Th>
                <Table.Th scope="col">Trạng thái</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Thao tác</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Td>{user.username}</Table.Td>
                  <Table.Td>
                    {user.fullName}
                    <Text size="xs" c="dimmed">
                      {user.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {user.roles.map((role) => ROLE_LABELS[role]).join(', ')}
                    {user.councilRole && (
                      <Text size="xs" c="dimmed">
                        {COUNCIL_ROLE_LABELS[user.councilRole]}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{user.departmentCode ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600} c={user.active ? 'teal.9' : 'red.9'} style={{ whiteSpace: 'nowrap' }}>
                      {user.active ? 'Đang hoạt động' : 'Đã khoá'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="light" onClick={() => setEditing(user)} aria-label={`Sửa tài khoản ${user.username}`}>
                      Sửa
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <UserFormDialog key={editing === undefined ? 'closed' : (editing?.id ?? 'new')} user={editing ?? null} opened={editing !== undefined} onClose={() => setEditing(undefined)} />
    </Stack>
  );
}
