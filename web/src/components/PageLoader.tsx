import { Center, Loader } from '@mantine/core';

/** What a page shows while its data loads: one spinner, named for screen readers. */
export function PageLoader({ label = 'Đang tải' }: { label?: string }) {
  return (
    <Center h="50vh">
      <Loader aria-label={label} />
    </Center>
  );
}
