/**
 * Each deadline with its explanation, as the server computed it: counted from the day after which
 * event, how many working or calendar days, and every non-working day (weekend, holiday,
 * compensatory day, supplement pause) that moved it. Nothing is recounted in the browser.
 */
import { Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { formatDate } from '../../format/dates';
import type { Deadline } from './types';
import { DEADLINE_NAMES, UNIT_WORDS, withoutEnglishGloss } from './words';

/** "thêm 4 ngày: 01/01/2027 (Tết Dương lịch), 02/01/2027 (Thứ Bảy) …" grouped by reason, dates in order. */
function skippedByReason(skipped: Deadline['skipped']): { reason: string; dates: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const day of skipped) {
    const reason = withoutEnglishGloss(day.reason) || 'Ngày không làm việc';
    groups.set(reason, [...(groups.get(reason) ?? []), day.date]);
  }
  return [...groups].map(([reason, dates]) => ({ reason, dates }));
}

/** The non-working days that moved a due date, grouped by reason (the cluster page's milestones show them too). */
export function SkippedDays({ skipped }: { skipped: Deadline['skipped'] }) {
  const groups = skippedByReason(skipped);
  if (groups.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Không có ngày nghỉ nào làm lùi hạn.
      </Text>
    );
  }
  return (
    <>
      <Text size="sm">Hạn lùi vì {skipped.length} ngày không tính:</Text>
      <List size="sm" spacing={2}>
        {groups.map((group) => (
          <List.Item key={group.reason}>
            {group.reason}: {group.dates.map(formatDate).join(', ')}
          </List.Item>
        ))}
      </List>
    </>
  );
}

export function DeadlineExplanation({ name, deadline }: { name: string; deadline: Deadline }) {
  const unit = UNIT_WORDS[deadline.unit] ?? deadline.unit;
  return (
    <Paper withBorder p="sm" data-testid={`deadline-${name}`}>
      <Group justify="space-between" wrap="wrap">
        <Text fw={600}>{DEADLINE_NAMES[name] ?? name}</Text>
        <Group gap="xs">
          <Text>
            Hạn: <strong>{formatDate(deadline.due)}</strong>
          </Text>
          {deadline.closed && (
            <Badge color="gray" variant="light">
              bước đã xong
            </Badge>
          )}
        </Group>
      </Group>
      <Text size="sm">
        {deadline.from ? `Tính từ ngày hôm sau ngày ${formatDate(deadline.from)}, ` : ''}
        {deadline.amount} {unit}.
      </Text>
      <SkippedDays skipped={deadline.skipped} />
    </Paper>
  );
}

export function DeadlineList({ deadlines }: { deadlines: Record<string, Deadline> }) {
  const entries = Object.entries(deadlines).sort(([, a], [, b]) => a.due.localeCompare(b.due));
  return (
    <Stack gap="xs" component="section" aria-labelledby="thoi-han">
      <Title order={2} size="h4" id="thoi-han">
        Thời hạn
      </Title>
      {entries.length === 0 && <Text c="dimmed">Chưa có thời hạn nào.</Text>}
      {entries.map(([name, deadline]) => (
        <DeadlineExplanation key={name} name={name} deadline={deadline} />
      ))}
    </Stack>
  );
}
