/**
 * The frame of every staff page: who is signed in (name, roles, department), the pages their roles
 * may open, sign-out, and the page in <main>. A skip link lets keyboard users jump past the menu.
 */
import { Anchor, AppShell, Burger, Button, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import type { CurrentUser } from '../auth/session-hooks';
import { useSignOut } from '../auth/session-hooks';
import { ROLE_LABELS } from '../labels';
import { navFor } from '../navigation';
import { SIGN_IN_PATH } from '../api/session';

export function AppLayout({ user }: { user: CurrentUser }) {
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const items = navFor(user.roles);
  // The page's entry is the longest path it lies under: /ho-so/moi is "Tiếp nhận hồ sơ", not also "Hồ sơ".
  const under = (path: string) => (path === '/' ? location.pathname === '/' : location.pathname === path || location.pathname.startsWith(`${path}/`));
  const current = items
    .map((item) => item.path)
    .filter(under)
    .sort((a, b) => b.length - a.length)[0];
  const navigate = useNavigate();
  const signOut = useSignOut();
  const roles = user.roles.map((role) => ROLE_LABELS[role]).join(', ');

  return (
    <AppShell header={{ height: 64 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <Anchor href="#noi-dung" className="skip-link">
        Bỏ qua đến nội dung chính
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Mở danh mục" />
            <Text fw={700} component={Link} to="/" c="inherit" td="none">
              Thẩm định chủ đầu tư hạ tầng CCN
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap" data-testid="signed-in-user">
            <Stack gap={0} align="flex-end" visibleFrom="xs">
              <Text size="sm" fw={600}>
                {user.fullName}
              </Text>
              <Text size="xs" c="dimmed">
                {roles}
                {user.departmentCode ? ` · ${user.departmentCode}` : ''}
              </Text>
            </Stack>
            <Button
              variant="default"
              size="xs"
              onClick={() => {
                signOut();
                void navigate(SIGN_IN_PATH, { replace: true });
              }}
            >
              Đăng xuất
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Danh mục chính" component="nav">
        {items.map((item) => (
          <NavLink
            key={item.path}
            component={Link}
            to={item.path}
            label={item.label}
            onClick={close}
            active={item.path === current}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="noi-dung" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
