/**
 * A deadline as the person needs it, from the server's own count of working days (it knows the
 * calendar in force: holidays, swapped days, pauses), never recomputed in the browser.
 */
import { Badge, type MantineColor } from '@mantine/core';
import { formatDate } from '../format/dates';
import { NO_TRUNCATION } from './badges';

export interface DeadlineBadgeProps {
  workingDaysLeft: number | null;
  dueOn?: string | null;
  /** "≤ 2 working days left" as the server judged it. */
  nearDue?: boolean;
}

export function deadlineText(workingDaysLeft: number): string {
  if (workingDaysLeft < 0) return `quá hạn ${-workingDaysLeft} ngày`;
  if (workingDaysLeft === 0) return 'hạn hôm nay';
  return `còn ${workingDaysLeft} ngày làm việc`;
}

export function deadlineColor(workingDaysLeft: number, nearDue = workingDaysLeft <= 2): MantineColor {
  if (workingDaysLeft < 0) return 'red';
  if (workingDaysLeft === 0 || nearDue) return 'orange';
  return 'teal';
}

export function DeadlineBadge({ workingDaysLeft, dueOn, nearDue }: DeadlineBadgeProps) {
  if (workingDaysLeft === null) return dueOn ? <Badge color="gray" variant="light" styles={NO_TRUNCATION}>hạn {formatDate(dueOn)}</Badge> : null;
  const title = dueOn ? `Hạn xử lý: ${formatDate(dueOn)}` : undefined;
  return (
    <Badge color={deadlineColor(workingDaysLeft, nearDue)} variant={workingDaysLeft < 0 ? 'filled' : 'light'} title={title} styles={NO_TRUNCATION}>
      {deadlineText(workingDaysLeft)}
    </Badge>
  );
}
