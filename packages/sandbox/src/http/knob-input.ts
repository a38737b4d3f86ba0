/**
 * Reading the body of a `/_sandbox` knob request: a JSON object, or a 400 that says so. Shared by
 * the ITB knobs and the registry stand-in's knobs.
 * @module
 */
import { FhirError } from './fhir-error.js';

/** A 400 `invalid-parameter` with `message`. */
export function bad(message: string): FhirError {
  return new FhirError('invalid-parameter', message, { status: 400 });
}

/** The body as a JSON object, or a 400. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('Send a JSON object.');
  return body as Record<string, unknown>;
}
