import { Title } from '@mantine/core';
import { useEffect } from 'react';

const APP_NAME = 'Thẩm định chủ đầu tư hạ tầng CCN';

/** The page's heading, also the browser tab's title (screen readers announce it on navigation). */
export function PageTitle({ children }: { children: string }) {
  useEffect(() => {
    document.title = `${children} · ${APP_NAME}`;
  }, [children]);
  return (
    <Title order={1} size="h2" mb="md">
      {children}
    </Title>
  );
}
