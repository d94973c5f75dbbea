/** The audit trail as a person reads it: when (Vietnam time), who, what, oldest first. */
import { Table, Text, Title } from '@mantine/core';
import { formatDateTime } from '../../format/dates';
import type { TimelineEntry } from './types';
import { timelineAction } from './words';

export function Timeline({ entries }: { entries: Pick<TimelineEntry, 'at' | 'actor' | 'action'>[] }) {
  return (
    <section aria-labelledby="dien-bien">
      <Title order={2} size="h4" id="dien-bien" mb="xs">
        Diễn biến
      </Title>
      {entries.length === 0 ? (
        <Text c="dimmed">Chưa có sự kiện nào.</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Thời điểm</Table.Th>
              <Table.Th>Người thực hiện</Table.Th>
              <Table.Th>Sự kiện</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry, index) => (
              <Table.Tr key={`${entry.at}-${index}`}>
                <Table.Td>{formatDateTime(entry.at)}</Table.Td>
                <Table.Td>{entry.actor === 'system' ? 'Hệ thống' : entry.actor}</Table.Td>
                <Table.Td>{timelineAction(entry.action)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}
