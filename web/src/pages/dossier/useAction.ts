/**
 * One person's action on a dossier or a round, the same way on every form: one Idempotency-Key per
 * press of the button (kept across the quiet retries of a 409 "not at that step yet"), the answer
 * (the resource read back) put in the page's cache, the inbox refreshed. A stale version reloads
 * the resource and says what changed since the person read it; a 400's field errors go to the
 * form's fields, anything else to the form's alert.
 */
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState } from 'react';
import type { FieldValues, UseFormSetError } from 'react-hook-form';
import { idempotencyKey } from '../../api/client';
import { ApiProblem, isStaleVersion } from '../../api/problem';
import { retryWhileNotReady } from '../../api/retry';
import { applyFieldErrors } from '../../components/ProblemAlert';
import { timelineAction } from './words';

/** What a dossier and a round both have, enough to say what changed between two reads. */
export interface Versioned {
  version: number;
  stage: string;
  status?: string;
  timeline: { at: string; actor: string; action: string }[];
}

export interface ActionOptions<TValues extends FieldValues, TResult> {
  /** The page's query of the resource the action changes. */
  resourceKey: QueryKey;
  send: (values: TValues, key: string) => Promise<TResult>;
  /** Form fields a 400 may name (the body's paths). */
  fields?: readonly string[];
  setError?: UseFormSetError<TValues>;
  /** Names a stage code for the "what changed" note. */
  stageName: (stage: string) => string;
  onDone?: (result: TResult) => void;
}

/** "What changed" between the version the person acted on and the one now stored, in Vietnamese. */
export function whatChanged(before: Versioned | undefined, after: Versioned | undefined, stageName: (stage: string) => string): string {
  if (!before || !after) return 'Dữ liệu vừa được tải lại; kiểm tra rồi thao tác lại.';
  const changes: string[] = [];
  if (before.stage !== after.stage) changes.push(`bước: ${stageName(before.stage)} → ${stageName(after.stage)}`);
  const since = after.timeline.slice(before.timeline.length).filter((e) => !e.action.startsWith('document.downloaded'));
  for (const event of since) changes.push(`${timelineAction(event.action)} (${event.actor})`);
  const summary = changes.length > 0 ? changes.join('; ') : 'nội dung đã được cập nhật';
  return `Trong lúc bạn xem, dữ liệu đã thay đổi (phiên bản ${before.version} → ${after.version}): ${summary}. Trang đã tải lại; kiểm tra rồi thao tác lại.`;
}

export function useAction<TValues extends FieldValues, TResult>(options: ActionOptions<TValues, TResult>) {
  const queryClient = useQueryClient();
  const [staleNote, setStaleNote] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (values: TValues) => {
      const key = idempotencyKey();
      return retryWhileNotReady(() => options.send(values, key));
    },
    onMutate: () => setStaleNote(null),
    onSuccess: async (result) => {
      queryClient.setQueryData(options.resourceKey, result);
      await queryClient.invalidateQueries({ queryKey: options.resourceKey });
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
      options.onDone?.(result);
    },
    onError: async (error) => {
      if (isStaleVersion(error)) {
        const before = queryClient.getQueryData<Versioned>(options.resourceKey);
        await queryClient.invalidateQueries({ queryKey: options.resourceKey });
        const after = queryClient.getQueryData<Versioned>(options.resourceKey);
        setStaleNote(whatChanged(before, after, options.stageName));
        return;
      }
      if (error instanceof ApiProblem && options.setError && options.fields) {
        applyFieldErrors(error.problem, options.fields, options.setError);
      }
    },
  });
  return {
    submit: (values: TValues) => mutation.mutate(values),
    pending: mutation.isPending,
    /** The refusal to show in the form's alert (null once a stale version was explained instead). */
    error: isStaleVersion(mutation.error) ? null : mutation.error,
    staleNote,
    done: mutation.isSuccess,
  };
}
