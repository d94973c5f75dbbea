import { Alert, Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { PageTitle } from '../components/PageTitle';

export function NotFoundPage() {
  return (
    <>
      <PageTitle>Không tìm thấy trang</PageTitle>
      <Alert color="gray" title="Địa chỉ này không có trang nào">
        Kiểm tra lại đường dẫn, hoặc{' '}
        <Anchor component={Link} to="/">
          về hộp việc
        </Anchor>
        .
      </Alert>
    </>
  );
}
