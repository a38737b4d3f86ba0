/**
 * Building OperationOutcomes (BFF, sandbox) and reading them back into a small typed error
 * (widget, BFF reading upstream answers).
 * @module
 */
import type { OperationOutcome } from '../fhir/types.js';
import { REASON_ISSUE_CODE, REASON_STATUS, REASON_SYSTEM, isReasonCode, type ReasonCode } from './reasons.js';

/** A failure with a stable reason code, a human sentence and the HTTP status it travels with. */
export interface ItbProblem {
  readonly reason: ReasonCode;
  /** FHIR IssueType from the outcome (or derived from the reason). */
  readonly issueCode: string;
  /** Human-readable sentence; never shown raw to patients when a translation for `reason` exists. */
  readonly diagnostics: string;
  readonly status: number;
  /** Extra machine-readable detail, e.g. the rule that refused a booking. */
  readonly detail?: string;
}

/**
 * Build the OperationOutcome for `reason`.
 * @example outcome('slot-taken', 'The chosen time is no longer free.')
 */
export function outcome(reason: ReasonCode, diagnostics: string, detail?: string): OperationOutcome {
  const coding: { system: string; code: string }[] = [{ system: REASON_SYSTEM, code: reason }];
  if (detail !== undefined) coding.push({ system: `${REASON_SYSTEM}:detail`, code: detail });
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: REASON_STATUS[reason] >= 500 ? 'fatal' : 'error',
        code: REASON_ISSUE_CODE[reason],
        details: { coding },
        diagnostics,
      },
    ],
  };
}

/** The HTTP status for `reason`. */
export function statusOf(reason: ReasonCode): number {
  return REASON_STATUS[reason];
}

/** Upstream IssueType → our reason when the upstream gave no reason of ours (ITB never does). */
const ISSUE_CODE_REASON: Readonly<Record<string, ReasonCode>> = {
  conflict: 'slot-taken',
  duplicate: 'slot-taken',
  'business-rule': 'rule-violation',
  invalid: 'invalid-parameter',
  structure: 'invalid-parameter',
  required: 'invalid-parameter',
  value: 'invalid-parameter',
  login: 'login-required',
  unknown: 'unknown',
  expired: 'login-required',
  forbidden: 'forbidden',
  security: 'forbidden',
  'not-found': 'not-found',
  throttled: 'rate-limited',
  timeout: 'upstream-timeout',
  transient: 'upstream-unavailable',
  'too-costly': 'payload-too-large',
};

function statusReason(status: number | undefined): ReasonCode {
  if (status === undefined) return 'unknown';
  if (status === 401) return 'login-required';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'slot-taken';
  if (status === 413) return 'payload-too-large';
  if (status === 422) return 'rule-violation';
  if (status === 429) return 'rate-limited';
  if (status === 504) return 'upstream-timeout';
  if (status >= 500) return 'upstream-unavailable';
  if (status >= 400) return 'invalid-parameter';
  return 'unknown';
}

function asOutcome(body: unknown): OperationOutcome | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const resource = body as { resourceType?: unknown; entry?: unknown };
  if (resource.resourceType === 'OperationOutcome') return body as OperationOutcome;
  // IHE/ITB getting-started shape: a Bundle whose only content is an OperationOutcome (spec §5.3.5).
  if (resource.resourceType === 'Bundle' && Array.isArray(resource.entry)) {
    for (const entry of resource.entry as Array<{ resource?: { resourceType?: unknown } }>) {
      if (entry?.resource?.resourceType === 'OperationOutcome') return entry.resource as OperationOutcome;
    }
  }
  return undefined;
}

/**
 * Turn anything received as an error body (our outcome, a bare upstream outcome, an OO-only Bundle,
 * HTML, nothing) into an {@link ItbProblem}. Never throws.
 */
export function readOutcome(body: unknown, status?: number): ItbProblem {
  const found = asOutcome(body);
  const issue = found?.issue?.[0];
  const codings = issue?.details?.coding ?? [];
  const ours = codings.find((c) => c.system === REASON_SYSTEM && isReasonCode(c.code));
  const detail = codings.find((c) => c.system === `${REASON_SYSTEM}:detail`)?.code;
  const reason: ReasonCode = ours?.code !== undefined && isReasonCode(ours.code)
    ? ours.code
    : (issue?.code !== undefined ? ISSUE_CODE_REASON[issue.code] : undefined) ?? statusReason(status);
  const problem: ItbProblem = {
    reason,
    issueCode: issue?.code ?? REASON_ISSUE_CODE[reason],
    diagnostics: typeof issue?.diagnostics === 'string' ? issue.diagnostics : (issue?.details?.text ?? ''),
    status: status ?? REASON_STATUS[reason],
  };
  return detail === undefined ? problem : { ...problem, detail };
}

/** Warnings and notices from a successful answer's OperationOutcome entry (spec §11.8). */
export function readWarnings(body: unknown): string[] {
  const found = asOutcome(body);
  if (found === undefined || (body as { resourceType?: string }).resourceType !== 'Bundle') return [];
  return (found.issue ?? [])
    .filter((i) => i.severity === 'warning' || i.severity === 'information')
    .map((i) => i.diagnostics ?? i.details?.text ?? '')
    .filter((text) => text !== '');
}
