/**
 * The API answers every failure with an RFC 9457 problem document (application/problem+json):
 * a Vietnamese title and detail a person can act on, `errors` naming invalid fields, and for 409s a
 * `reason` (WrongStage, StaleVersion, InProgress, DossierClosed…). ApiProblem carries it to the
 * screen; components/ProblemAlert shows it and applyFieldErrors puts field errors on a form.
 */
import type { components } from './openapi';

export type Problem = components['schemas']['Problem'] & {
  reason?: string;
  currentVersion?: number;
  [extra: string]: unknown;
};

export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiProblem';
  }

  get status(): number {
    return this.problem.status;
  }

  get reason(): string | undefined {
    return this.problem.reason;
  }
}

/** A network failure or an answer that is not a problem document, as a problem a person can read. */
export function problemOf(error: unknown, status = 0): Problem {
  if (error instanceof ApiProblem) return error.problem;
  if (isProblem(error)) return error;
  return {
    type: 'about:blank',
    status,
    title: status ? `Lỗi máy chủ (${status})` : 'Không kết nối được máy chủ',
    detail: status
      ? 'Máy chủ không trả lời như mong đợi; thử lại sau ít phút, nếu vẫn lỗi hãy báo quản trị viên.'
      : 'Kiểm tra kết nối mạng nội bộ rồi thử lại.',
  };
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'title' in value;
}

/** 409 reasons that mean "not at that step yet" (the workflow is a moment behind its read model) or "the same request is still running". */
const NOT_READY_REASONS: ReadonlySet<string> = new Set(['WrongStage', 'NotOpenYet', 'InProgress']);

/** A 409 worth a quiet retry (api/retry.ts). */
export function isNotReadyYet(error: unknown): boolean {
  return error instanceof ApiProblem && error.status === 409 && NOT_READY_REASONS.has(error.reason ?? '');
}

/** A 409 that means the person acted on an old version: reload and tell them what changed. */
export function isStaleVersion(error: unknown): boolean {
  return error instanceof ApiProblem && error.status === 409 && error.reason === 'StaleVersion';
}
