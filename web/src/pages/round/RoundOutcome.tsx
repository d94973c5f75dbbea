/**
 * The round's result, the same for each of its applicants: the score sheets and ranking once
 * scoring is closed, the appraisal report with the proposed investor, and the PC's decisions.
 */
import { Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { formatDate, formatDateTime } from '../../format/dates';
import { ScoreSheets } from '../dossier/ResultsPanels';
import type { Round, RuleSet } from '../dossier/types';

export const DECISION_OUTCOMES: Record<string, string> = {
  APPROVE: 'Chấp thuận nhà đầu tư được đề xuất',
  REJECT: 'Không chấp thuận',
  RETURN: 'Trả lại để hoàn thiện báo cáo',
};

export function RoundOutcome({ round, ruleSet }: { round: Round; ruleSet?: RuleSet }) {
  const scored = round.applicants.filter((applicant) => applicant.scores !== null && applicant.scores.length > 0);
  const names = new Map(round.applicants.map((applicant) => [applicant.code, applicant.applicantName]));
  return (
    <Stack gap="md">
      <section aria-labelledby="cham-diem">
        <Title order={2} size="h4" id="cham-diem" mb="xs">
          Chấm điểm và xếp hạng
        </Title>
        {scored.length === 0 && <Text c="dimmed">Phiếu chấm điểm hiện khi Hội đồng kết thúc chấm điểm.</Text>}
        {scored.map((applicant) => (
          <ScoreSheets key={applicant.code} sheets={applicant.scores ?? []} ruleSet={ruleSet} caption={`${applicant.code} · ${applicant.applicantName}`} />
        ))}
        {round.ranking && (
          <Table mt="sm">
            <Table.Caption>Xếp hạng (điểm bình quân các thành viên có quyền biểu quyết; đạt từ {ruleSet?.scoring.passMark ?? 50} điểm)</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Hạng</Table.Th>
                <Table.Th>Hồ sơ</Table.Th>
                <Table.Th>Điểm bình quân</Table.Th>
                <Table.Th>Kết quả</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {round.ranking.map((entry, index) => (
                <Table.Tr key={entry.applicantId}>
                  <Table.Td>{typeof entry.rank === 'number' ? entry.rank : index + 1}</Table.Td>
                  <Table.Td>
                    {entry.applicantId} {names.get(entry.applicantId) ? `· ${names.get(entry.applicantId)}` : ''}
                  </Table.Td>
                  <Table.Td>{entry.meanScore.toLocaleString('vi-VN')}</Table.Td>
                  <Table.Td>
                    <Badge color={entry.qualifies ? 'teal' : 'red'} variant="light">
                      {entry.qualifies ? 'Đạt' : 'Không đạt'}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </section>
      <section aria-labelledby="bao-cao">
        <Title order={2} size="h4" id="bao-cao" mb="xs">
          Báo cáo thẩm định
        </Title>
        {round.report ? (
          <Paper withBorder p="sm">
            <Text size="sm" c="dimmed">
              {round.report.by} · {formatDate(round.report.on)}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{round.report.summary}</Text>
            <Text mt="xs">
              Đề xuất nhà đầu tư: <strong>{round.report.proposed ? `${round.report.proposed} · ${names.get(round.report.proposed) ?? ''}` : 'không có nhà đầu tư đạt'}</strong>
            </Text>
          </Paper>
        ) : (
          <Text c="dimmed">Chưa có báo cáo.</Text>
        )}
      </section>
      <section aria-labelledby="quyet-dinh">
        <Title order={2} size="h4" id="quyet-dinh" mb="xs">
          Quyết định
        </Title>
        {round.decisions.length === 0 && <Text c="dimmed">Chưa có quyết định.</Text>}
        {round.decisions.map((decision) => (
          <Paper withBorder p="sm" key={decision.at}>
            <Text fw={600}>{DECISION_OUTCOMES[decision.outcome] ?? decision.outcome}</Text>
            <Text size="sm" c="dimmed">
              {decision.by} · {formatDateTime(decision.at)}
              {decision.winnerCode ? ` · nhà đầu tư: ${decision.winnerCode}` : ''}
            </Text>
            {decision.reason && <Text style={{ whiteSpace: 'pre-wrap' }}>{decision.reason}</Text>}
          </Paper>
        ))}
      </section>
    </Stack>
  );
}
