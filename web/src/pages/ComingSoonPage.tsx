import { Alert } from '@mantine/core';
import { PageTitle } from '../components/PageTitle';

/** Holds the address of a page whose screen is still being built, so navigation and role checks already work. */
export function ComingSoonPage({ title }: { title: string }) {
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <Alert color="blue">Trang này đang được xây dựng; trong lúc chờ, dùng hộp việc.</Alert>
    </>
  );
}
