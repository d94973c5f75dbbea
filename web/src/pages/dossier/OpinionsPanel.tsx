/**
 * One line per consulted department: waiting (with its due date), its verdict and what it wrote, or
 * "coi như đồng ý" when its deadline passed without an answer (deemed consent, recorded by the system).
 */
import { Badge, Table, Text, Title } from '@mantine/core';
import { formatDate } from '../../format/dates';
import type { Dossier } from './types';
import { TASK_STATUS_LABELS, VERDICT_LABELS } from './words';
import { NO_TRUNCATION } from '../../components/badges';

/** A verdict is read whole, even in the narrow half-page column. */

interface OpinionEvent {
  taskId?: string;
  verdict?: string;
  deemed?: boolean;
}

export function OpinionsPanel({ dossier }: { dossier: Dossier }) {
  const tasks = dossier.tasks.filter((task) => task.kind === 'DEPARTMENT_OPINION');
  const verdicts = new Map<string, { verdict: string; actor: string; at: string }>();
  for (const entry of dossier.timeline) {
    if (entry.action !== 'opinion.given' && entry.action !== 'opinion.deemed') continue;
    const value = entry.newValue as OpinionEvent | null | undefined;
    if (value?.taskId && value.verdict) verdicts.set(value.taskId, { verdict: value.verdict, actor: entry.actor, at: entry.at });
  }
  // What each department wrote (its conditions, its objection), once given.
  const texts = new Map(dossier.opinions.map((opinion) => [opinion.departmentCode, opinion.text]));
  return (
    <section aria-labelledby="y-kien">
      <Title order={2} size="h4" id="y-kien" mb="xs">
        Ý kiến các sở, ngành
      </Title>
      {tasks.length === 0 ? (
        <Text c="dimmed">Chưa lấy ý kiến.</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Sở, ngành</Table.Th>
              <Table.Th>Hạn</Table.Th>
              <Table.Th>Ý kiến, nội dung</Table.Th>
              <Table.Th>Người cho ý kiến</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tasks.map((task) => {
              const given = verdicts.get(task.taskId);
              const deemed = task.status === 'DEEMED';
              return (
                <Table.Tr key={task.taskId}>
                  <Table.Td>{task.departmentCode}</Table.Td>
                  <Table.Td>{formatDate(task.dueOn)}</Table.Td>
                  <Table.Td>
                    {deemed ? (
                      <Badge color="yellow" variant="light" styles={NO_TRUNCATION} title="Hết hạn không có ý kiến: coi như đồng ý">
                        Coi như đồng ý
                      </Badge>
                    ) : given ? (
                      <Badge color={given.verdict === 'OBJECT' ? 'red' : 'teal'} variant="light" styles={NO_TRUNCATION}>
                        {VERDICT_LABELS[given.verdict] ?? given.verdict}
                      </Badge>
                    ) : (
                      (TASK_STATUS_LABELS[task.status] ?? task.status)
                    )}
                    {texts.get(task.departmentCode ?? '') && (
                      <Text size="sm" mt={4} style={{ whiteSpace: 'pre-line' }}>
                        {texts.get(task.departmentCode ?? '')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{deemed ? 'Hệ thống (hết hạn)' : (given?.actor ?? '')}</Table.Td>

                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}
