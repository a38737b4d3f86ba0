/**
 * What a failed request means for the patient, in one place for every concern module.
 * @module
 */
import type { ItbProblem } from '@itb/shared';
import { BffError } from '../bff-client.js';

/** A sign-in that did not complete (refused, cancelled, or its hand-off could not be claimed). */
export const LOGIN_REQUIRED: ItbProblem = { reason: 'login-required', issueCode: 'login', diagnostics: '', status: 401 };

/**
 * The problem to show for `error`; `undefined` when the request was aborted, which only happens
 * when a newer request of the same kind replaced it or the element left the page: nothing to say.
 */
export function problemOf(error: unknown): ItbProblem | undefined {
  if (error instanceof DOMException && error.name === 'AbortError') return undefined;
  if (error instanceof BffError) return error.problem;
  return { reason: 'unknown', issueCode: 'exception', diagnostics: '', status: 0 };
}
