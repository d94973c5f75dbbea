/**
 * The frame of every action form: its title and what it does, the fields, the note when the data
 * changed under the person (stale version), the server's refusal, and the one submit button (Enter
 * submits from any field).
 */
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { FormEventHandler, ReactNode } from 'react';
import { ProblemAlert } from '../../../components/ProblemAlert';

export interface ActionState {
  pending: boolean;
  error: unknown;
  staleNote: string | null;
}

export function ActionCard({
  title,
  description,
  action,
  onSubmit,
  submitLabel,
  children,
}: {
  title: string;
  description?: string;
  action: ActionState;
  onSubmit: FormEventHandler<HTMLFormElement>;
  submitLabel: string;
  children?: ReactNode;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4">
            {title}
          </Title>
          {description && <Text size="sm">{description}</Text>}
          {children}
          {action.staleNote && (
            <Alert color="yellow" variant="light" title="Dữ liệu đã thay đổi" role="status">
              {action.staleNote}
            </Alert>
          )}
          <ProblemAlert error={action.error} />
          <Group>
            <Button type="submit" loading={action.pending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
