/**
 * One figure of the dashboard: a bar chart and, beside it, the same figures as a table. The chart
 * is for the eye; the table is what a screen reader, a keyboard user or someone copying the numbers
 * into a report reads, so the chart itself is hidden from assistive technology and from Tab.
 */
import { BarChart } from '@mantine/charts';
import { Anchor, Card, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { Link } from 'react-router';

export interface ChartRow {
  key: string;
  label: string;
  value: number;
  /** Where the list behind the figure is (the table's label links to it). */
  link?: string;
}

export function ChartWithTable({
  title,
  description,
  rows,
  valueLabel,
  unit = '',
  color = 'blue.8',
  emptyText = 'Chưa có số liệu',
}: {
  title: string;
  description?: string;
  rows: readonly ChartRow[];
  valueLabel: string;
  unit?: string;
  color?: string;
  emptyText?: string;
}) {
  const headingId = useId();
  const height = Math.max(160, rows.length * 30 + 40);
  return (
    <Card withBorder component="section" aria-labelledby={headingId} padding="md">
      <Title order={2} size="h4" id={headingId}>
        {title}
      </Title>
      {description && (
        <Text size="sm" c="dimmed" mb="xs">
          {description}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" mt="xs">
        <div aria-hidden="true" inert>
          {rows.length === 0 ? (
            <Text c="dimmed">{emptyText}</Text>
          ) : (
            <BarChart
              h={height}
              data={rows.map((row) => ({ label: row.label, value: row.value }))}
              dataKey="label"
              orientation="vertical"
              yAxisProps={{ width: 170, interval: 0, tick: { fontSize: 12 } }}
              series={[{ name: 'value', label: valueLabel, color }]}
              withBarValueLabel
              withTooltip={false}
              gridAxis="none"
              barChartProps={{ accessibilityLayer: false }}
            />
          )}
        </div>
        <Table striped withTableBorder captionSide="top" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{title}</Table.Th>
              <Table.Th scope="col" ta="right">
                {valueLabel}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={2}>{emptyText}</Table.Td>
              </Table.Tr>
            ) : (
              rows.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Th scope="row" fw={400}>
                    {row.link ? (
                      <Anchor component={Link} to={row.link}>
                        {row.label}
                      </Anchor>
                    ) : (
                      row.label
                    )}
                  </Table.Th>
                  <Table.Td ta="right">
                    {formatNumber(row.value)}
                    {unit}
                  </Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </SimpleGrid>
    </Card>
  );
}

/** Vietnamese number style: 1.234,5 */
export function formatNumber(value: number): string {
  return value.toLocaleString('vi-VN', { maximumFractionDigits: 1 });
}
