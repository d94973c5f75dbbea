/** The screening result (with every failed criterion and its reason) and the council's score sheets. */
import { Alert, List, Table, Text, Title } from '@mantine/core';
import type { Dossier, RuleSet, ScoreSheetRow } from './types';
import { SCREENING_CRITERIA, withoutEnglishGloss } from './words';

export function ScreeningPanel({ screening }: { screening: Dossier['screening'] }) {
  return (
    <section aria-labelledby="dieu-kien">
      <Title order={2} size="h4" id="dieu-kien" mb="xs">
        Đánh giá điều kiện
      </Title>
      {!screening ? (
        <Text c="dimmed">Chưa đánh giá.</Text>
      ) : screening.eligible ? (
        <Alert color="teal" variant="light" title="Đạt điều kiện">
          Nhà đầu tư đáp ứng mọi điều kiện và được chuyển sang Hội đồng chấm điểm.
        </Alert>
      ) : (
        <Alert color="red" variant="light" title="Không đạt điều kiện">
          <List size="sm">
            {screening.failures.map((failure) => (
              <List.Item key={failure.criterion}>
                <strong>{SCREENING_CRITERIA[failure.criterion] ?? failure.criterion}</strong>: {failure.reason}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </section>
  );
}

export function ScoreSheets({ sheets, ruleSet, caption }: { sheets: ScoreSheetRow[]; ruleSet?: RuleSet; caption: string }) {
  const criteria = ruleSet?.scoring.criteria ?? [];
  return (
    <Table>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Thành viên</Table.Th>
          {criteria.map((criterion) => (
            <Table.Th key={criterion.key}>
              {withoutEnglishGloss(criterion.name)} (tối đa {criterion.max})
            </Table.Th>
          ))}
          <Table.Th>Tổng</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sheets.map((sheet) => (
          <Table.Tr key={sheet.member}>
            <Table.Td>{sheet.member}</Table.Td>
            {criteria.map((criterion) => (
              <Table.Td key={criterion.key}>{sheet.criteria[criterion.key] ?? ''}</Table.Td>
            ))}
            <Table.Td fw={700}>{sheet.total}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
