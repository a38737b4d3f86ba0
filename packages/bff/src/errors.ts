/**
 * The one error type BFF code throws. The errors plugin turns it into an OperationOutcome with the
 * status of its reason (REASON_STATUS), so no route picks a status code itself.
 * @module
 */
import { REASON_STATUS, type ReasonCode } from '@itb/shared';

/** A failure with a stable reason; `diagnostics` is sent to the browser, `cause` only to the log. */
export class OutcomeError extends Error {
  readonly reason: ReasonCode;
  /** Human sentence for the client: never personal data, tokens or upstream bodies. */
  readonly diagnostics: string;
  /** Extra machine-readable detail (e.g. the rule that refused a booking). */
  readonly detail: string | undefined;
  /** FHIRPath of what was wrong (`issue.expression`): a parameter name or a path into the body. */
  readonly expression: readonly string[] | undefined;

  constructor(reason: ReasonCode, diagnostics: string, options?: { cause?: unknown; detail?: string; expression?: readonly string[] }) {
    super(diagnostics, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OutcomeError';
    this.reason = reason;
    this.diagnostics = diagnostics;
    this.detail = options?.detail;
    this.expression = options?.expression;
  }

  /** The HTTP status this error is sent with. */
  get status(): number {
    return REASON_STATUS[this.reason];
  }
}

/** Type guard that also works across duplicated module copies (checks the shape, not the class). */
export function isOutcomeError(value: unknown): value is OutcomeError {
  return value instanceof OutcomeError
    || (value instanceof Error && value.name === 'OutcomeError' && typeof (value as { reason?: unknown }).reason === 'string');
}
