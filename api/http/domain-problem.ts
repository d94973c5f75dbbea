import { DomainError, type DomainErrorCode } from '../../domain';
import { HttpProblem, badRequest, unprocessable, type InvalidField } from './problem';

/** Codes that mean the request itself is malformed (400); the others are well-formed requests the law cannot answer (422). */
const BAD_REQUEST_CODES: ReadonlySet<DomainErrorCode> = new Set(['INVALID_DATE', 'INVALID_ARGUMENT', 'INVALID_SCORE', 'DUPLICATE_SCORE']);

/**
 * The problem document of a DomainError: 400 or 422 with the core's Vietnamese message as detail and
 * the error's code (`domainCode`). `field` names the request field the error is about, if known.
 * Anything else is returned unchanged for the error middleware.
 */
export function domainProblem(error: unknown, field?: string): unknown {
  if (!(error instanceof DomainError)) return error;
  if (BAD_REQUEST_CODES.has(error.code)) {
    const errors: InvalidField[] = field
      ? [{ field, message: error.message }]
      : (error.details ?? []).map((message) => ({ field: '', message }));
    const problem = badRequest(error.message, errors);
    return new HttpProblem(problem.status, problem.title, problem.detail, { ...problem.extra, domainCode: error.code });
  }
  return unprocessable(error.message, { domainCode: error.code });
}

/** Runs `compute` and turns a DomainError it throws into its problem document. */
export function withDomainProblems<T>(compute: () => T, field?: string): T {
  try {
    return compute();
  } catch (error) {
    throw domainProblem(error, field);
  }
}
