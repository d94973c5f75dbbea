/**
 * The one error type the legal core throws. `code` is stable and machine-readable (the API maps it
 * to an application/problem+json type); `message` is Vietnamese because it may reach a user.
 */
export type DomainErrorCode =
  | 'INVALID_DATE'
  | 'INVALID_ARGUMENT'
  | 'NO_RULE_SET_IN_FORCE'
  | 'CLOCK_ALREADY_PAUSED'
  | 'CLOCK_NOT_PAUSED'
  | 'CLOCK_DATE_OUT_OF_ORDER'
  | 'INVALID_SCORE'
  | 'DUPLICATE_SCORE'
  | 'CALENDAR_SEED_MISMATCH'
  | 'UNRESOLVABLE_DEPARTMENT';

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Extra machine-readable facts (e.g. every validation error), safe to show. */
    readonly details?: readonly string[],
  ) {
    super(message);
    // Keeps `instanceof` working when the code is compiled to ES5-style classes by a bundler.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
