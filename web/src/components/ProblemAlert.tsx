/**
 * Shows a refusal or a failure as the API worded it: the title, the detail (what to do), and the
 * invalid fields that a form could not show next to a field of its own.
 */
import { Alert, List } from '@mantine/core';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { problemOf, type Problem } from '../api/problem';

export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const problem = problemOf(error);
  const unplaced = (problem.errors ?? []).filter((e) => e.message && e.message !== problem.detail);
  return (
    <Alert color="red" variant="light" title={title ?? problem.title} role="alert">
      {problem.detail}
      {unplaced.length > 0 && (
        <List size="sm" mt="xs">
          {unplaced.map((e) => (
            <List.Item key={`${e.field}:${e.message}`}>{e.field ? `${e.field}: ${e.message}` : e.message}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/**
 * Puts a 400's field errors on a react-hook-form form (`errors[].field` is the body's path, e.g.
 * "applicant.email" or "scores.0.points"). Returns the errors no form field took, for ProblemAlert.
 */
export function applyFieldErrors<T extends FieldValues>(problem: Problem, fields: readonly string[], setError: UseFormSetError<T>): Problem['errors'] {
  const left: NonNullable<Problem['errors']> = [];
  for (const error of problem.errors ?? []) {
    if (fields.includes(error.field)) setError(error.field as Path<T>, { type: 'server', message: error.message });
    else left.push(error);
  }
  return left;
}
