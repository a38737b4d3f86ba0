/**
 * Our stable reason codes: the vocabulary of every error the BFF sends and the widget shows.
 * They travel in `OperationOutcome.issue[0].details.coding` under {@link REASON_SYSTEM}.
 * @module
 */
import type { OperationOutcomeIssue } from '../fhir/types.js';

/** Code system of our reason codes inside `issue.details.coding`. */
export const REASON_SYSTEM = 'urn:itb-booking:reason';

/** Every reason the BFF can give. A closed union: add here, then to the widget's translations. */
export type ReasonCode =
  | 'invalid-parameter'
  | 'payload-too-large'
  | 'headers-too-large'
  | 'unsupported-media-type'
  | 'not-acceptable'
  | 'not-found'
  | 'login-required'
  | 'forbidden'
  | 'csrf'
  | 'origin-not-allowed'
  | 'rate-limited'
  | 'slot-taken'
  | 'too-soon'
  | 'too-young'
  | 'booking-not-accepted'
  | 'cancellation-not-allowed'
  | 'cancel-window-passed'
  | 'rescheduling-not-allowed'
  | 'reschedule-window-passed'
  | 'reschedule-limit-reached'
  | 'change-locked'
  | 'already-cancelled'
  | 'in-the-past'
  | 'external-booking'
  | 'offer-offline'
  | 'clinic-inactive'
  | 'not-offered'
  | 'campaign-required'
  | 'rule-violation'
  | 'idempotency-conflict'
  | 'campaign-unknown'
  | 'campaign-expired'
  | 'upstream-unavailable'
  | 'temporarily-unavailable'
  | 'upstream-timeout'
  | 'upstream-invalid'
  | 'internal'
  | 'network'
  | 'unknown';

/** The FHIR IssueType each reason is sent with (stable per situation). */
export const REASON_ISSUE_CODE: Readonly<Record<ReasonCode, OperationOutcomeIssue['code']>> = {
  'invalid-parameter': 'invalid',
  'payload-too-large': 'too-costly',
  'headers-too-large': 'too-costly',
  'unsupported-media-type': 'not-supported',
  'not-acceptable': 'not-supported',
  'not-found': 'not-found',
  'login-required': 'login',
  forbidden: 'forbidden',
  csrf: 'security',
  'origin-not-allowed': 'security',
  'rate-limited': 'throttled',
  'slot-taken': 'conflict',
  'too-soon': 'business-rule',
  'too-young': 'business-rule',
  'booking-not-accepted': 'business-rule',
  'cancellation-not-allowed': 'business-rule',
  'cancel-window-passed': 'business-rule',
  'rescheduling-not-allowed': 'business-rule',
  'reschedule-window-passed': 'business-rule',
  'reschedule-limit-reached': 'business-rule',
  'change-locked': 'business-rule',
  'already-cancelled': 'business-rule',
  'in-the-past': 'business-rule',
  'external-booking': 'business-rule',
  'offer-offline': 'business-rule',
  'clinic-inactive': 'business-rule',
  'not-offered': 'business-rule',
  'campaign-required': 'business-rule',
  'rule-violation': 'business-rule',
  'idempotency-conflict': 'conflict',
  'campaign-unknown': 'not-found',
  'campaign-expired': 'not-found',
  'upstream-unavailable': 'transient',
  'temporarily-unavailable': 'transient',
  'upstream-timeout': 'timeout',
  'upstream-invalid': 'exception',
  internal: 'exception',
  network: 'transient',
  unknown: 'unknown',
};

/** The HTTP status the BFF answers with for each reason: the one place statuses are chosen. */
export const REASON_STATUS: Readonly<Record<ReasonCode, number>> = {
  'invalid-parameter': 400,
  'payload-too-large': 413,
  'headers-too-large': 431,
  'unsupported-media-type': 415,
  'not-acceptable': 406,
  'not-found': 404,
  'login-required': 401,
  forbidden: 403,
  csrf: 403,
  'origin-not-allowed': 403,
  'rate-limited': 429,
  'slot-taken': 409,
  'too-soon': 422,
  'too-young': 422,
  'booking-not-accepted': 422,
  'cancellation-not-allowed': 422,
  'cancel-window-passed': 422,
  'rescheduling-not-allowed': 422,
  'reschedule-window-passed': 422,
  'reschedule-limit-reached': 422,
  'change-locked': 422,
  'already-cancelled': 422,
  'in-the-past': 422,
  'external-booking': 422,
  'offer-offline': 422,
  'clinic-inactive': 422,
  'not-offered': 422,
  'campaign-required': 422,
  'rule-violation': 422,
  'idempotency-conflict': 409,
  'campaign-unknown': 404,
  'campaign-expired': 404,
  'upstream-unavailable': 502,
  'temporarily-unavailable': 503,
  'upstream-timeout': 504,
  'upstream-invalid': 502,
  internal: 500,
  network: 503,
  unknown: 500,
};

const REASONS = new Set<string>(Object.keys(REASON_STATUS));

/** Type guard for reason codes received over the wire. */
export function isReasonCode(value: unknown): value is ReasonCode {
  return typeof value === 'string' && REASONS.has(value);
}
