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
 * Build the OperationOutcome for `reason`. `expression` names what was wrong as FHIRPath (a
 * parameter name such as `start`, or a path such as `Parameters.parameter[0].valueString`).
 * @example outcome('slot-taken', 'The chosen time is no longer free.')
 * @example outcome('invalid-parameter', "The query parameter 'start' is required.", undefined, ['start'])
 */
export function outcome(reason: ReasonCode, diagnostics: string, detail?: string, expression?: readonly string[]): OperationOutcome {
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
        ...(expression === undefined || expression.length === 0 ? {} : { expression: [...expression] }),
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
    for (const entry of resource.entry as Array<{ resource?: { resourceType?: unknown } } | null>) {
      if (entry?.resource?.resourceType === 'OperationOutcome') return entry.resource as OperationOutcome;
    }
  }
  return undefined;
}

type LooseIssue = { code?: unknown; diagnostics?: unknown; severity?: unknown; details?: { coding?: unknown; text?: unknown } | null };

/** The issues of an outcome, keeping only objects: upstream bodies are not trusted to be well-formed. */
function issuesOf(found: OperationOutcome | undefined): LooseIssue[] {
  const issues: unknown = found?.issue;
  return Array.isArray(issues) ? issues.filter((i): i is LooseIssue => typeof i === 'object' && i !== null) : [];
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Turn anything received as an error body (our outcome, a bare upstream outcome, an OO-only Bundle,
 * HTML, nothing) into an {@link ItbProblem}. Never throws.
 */
export function readOutcome(body: unknown, status?: number): ItbProblem {
  const issue = issuesOf(asOutcome(body))[0];
  const rawCodings: unknown = issue?.details?.coding;
  const codings = (Array.isArray(rawCodings) ? rawCodings : []).filter((c): c is { system?: unknown; code?: unknown } => typeof c === 'object' && c !== null);
  const ours = codings.find((c) => c.system === REASON_SYSTEM && isReasonCode(c.code))?.code;
  const detail = text(codings.find((c) => c.system === `${REASON_SYSTEM}:detail`)?.code);
  const issueCode = text(issue?.code);
  // Own-property lookup: an upstream code such as "constructor" must not reach Object.prototype.
  const mapped = issueCode !== undefined && Object.hasOwn(ISSUE_CODE_REASON, issueCode) ? ISSUE_CODE_REASON[issueCode] : undefined;
  const reason: ReasonCode = isReasonCode(ours) ? ours : mapped ?? statusReason(status);
  const problem: ItbProblem = {
    reason,
    issueCode: issueCode ?? REASON_ISSUE_CODE[reason],
    diagnostics: text(issue?.diagnostics) ?? text(issue?.details?.text) ?? '',
    status: status ?? REASON_STATUS[reason],
  };
  return detail === undefined ? problem : { ...problem, detail };
}

/** Warnings and notices from a successful answer's OperationOutcome entry (spec §11.8). */
export function readWarnings(body: unknown): string[] {
  const found = asOutcome(body);
  if (found === undefined || (body as { resourceType?: string }).resourceType !== 'Bundle') return [];
  return issuesOf(found)
    .filter((i) => i.severity === 'warning' || i.severity === 'information')
    .map((i) => text(i.diagnostics) ?? text(i.details?.text) ?? '')
    .filter((t) => t !== '');
}
