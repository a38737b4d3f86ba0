/**
 * Failures inside handlers: throw a {@link FhirError}; the error handler sends its OperationOutcome
 * with its status. The status is chosen where the failure is known, because ITB's statuses do not
 * always follow our BFF's reason table (e.g. 415 for a wrong media type).
 * @module
 */
import { outcome, statusOf, type OperationOutcome, type ReasonCode } from '@itb/shared';

export class FhirError extends Error {
  readonly status: number;
  readonly outcome: OperationOutcome;
  constructor(reason: ReasonCode, diagnostics: string, options: { status?: number; detail?: string; cause?: unknown } = {}) {
    super(diagnostics, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FhirError';
    this.status = options.status ?? statusOf(reason);
    this.outcome = outcome(reason, diagnostics, options.detail);
  }
}

/** 400 with issue code `invalid`: the request cannot be understood. */
export function invalid(diagnostics: string): FhirError {
  return new FhirError('invalid-parameter', diagnostics, { status: 400 });
}

/** 404 for a resource that does not exist (or that this caller may not know about). */
export function notFound(what: string): FhirError {
  return new FhirError('not-found', `${what} is not known.`, { status: 404 });
}
