/**
 * The dossier page's way to the print views: the receipt always, the apology once a step of the
 * dossier went past its deadline. Opens in a new tab so the dossier stays where it was.
 *
 *   <PrintButtons code={dossier.code} deadlines={dossier.deadlines} />
 */
import { Button, Group } from '@mantine/core';
import type { components } from '../../api/openapi';
import { latestApology } from './apology';

type Dossier = components['schemas']['Dossier'];

export function PrintButtons({ code, deadlines }: Pick<Dossier, 'code' | 'deadlines'>) {
  const path = encodeURIComponent(code);
  return (
    <Group gap="xs">
      <Button component="a" href={`/in/phieu-tiep-nhan/${path}`} target="_blank" rel="noopener" variant="default" size="xs">
        In phiếu tiếp nhận
      </Button>
      {latestApology(deadlines) && (
        <Button component="a" href={`/in/phieu-xin-loi/${path}`} target="_blank" rel="noopener" variant="default" size="xs">
          In phiếu xin lỗi
        </Button>
      )}
    </Group>
  );
}
