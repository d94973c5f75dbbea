import { Alert, Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { PageTitle } from '../components/PageTitle';
import { ROLE_LABELS, type Role } from '../labels';

/** What a person sees on a page their roles do not open: which roles do, and the way back. */
export function ForbiddenPage({ roles }: { roles: readonly Role[] }) {
  return (
    <>
      <PageTitle>Không có quyền truy cập</PageTitle>
      <Alert color="orange" title="Trang này không dành cho vai trò của bạn">
        Chỉ {roles.map((role) => ROLE_LABELS[role]).join(', ')} mở được trang này. Nếu bạn cần quyền này, hãy liên hệ quản trị viên.{' '}
        <Anchor component={Link} to="/">
          Về hộp việc
        </Anchor>
      </Alert>
    </>
  );
}
