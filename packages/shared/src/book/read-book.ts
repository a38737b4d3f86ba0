/**
 * Reading `$book` requests (sandbox, BFF) and answers (BFF, widget), spec §5.3.1, §5.3.4, §5.3.5.
 * Never throws: every failure is an {@link ItbProblem}.
 * @module
 */
import { arrayOf, isRecord, stringOf } from '../fhir/extensions.js';
import type { Appointment, Patient } from '../fhir/types.js';
import { readOutcome, readWarnings, type ItbProblem } from '../outcome/outcome.js';
import { REASON_ISSUE_CODE, REASON_STATUS, type ReasonCode } from '../outcome/reasons.js';

function problem(reason: ReasonCode, diagnostics: string): { readonly ok: false; readonly problem: ItbProblem } {
  return { ok: false, problem: { reason, issueCode: REASON_ISSUE_CODE[reason], diagnostics, status: REASON_STATUS[reason] } };
}

const KNOWN = new Set(['appointment-resource', 'patient-resource', 'comment']);

/**
 * Read `$book` Parameters (sandbox, BFF): `appointment-resource` 1..1 (an Appointment),
 * `patient-resource` 0..1 (a Patient; the BFF takes the patient from the session, ITB requires it),
 * `comment` 0..1 (`valueString`). Anything else → `invalid-parameter`. Diagnostics name the
 * parameter, never its content.
 */
export function readBookParameters(body: unknown):
  | { readonly ok: true; readonly appointment: Appointment; readonly patient?: Patient; readonly comment?: string }
  | { readonly ok: false; readonly problem: ItbProblem } {
  if (!isRecord(body) || body.resourceType !== 'Parameters') return problem('invalid-parameter', 'The body must be a FHIR Parameters resource.');
  if (body.parameter !== undefined && !Array.isArray(body.parameter)) return problem('invalid-parameter', 'Parameters.parameter must be an array.');
  const parameters = arrayOf(body.parameter);
  const named = (name: string) => parameters.filter((p) => isRecord(p) && p.name === name) as Record<string, unknown>[];
  for (const parameter of parameters) {
    if (!isRecord(parameter) || typeof parameter.name !== 'string' || !KNOWN.has(parameter.name)) {
      const name = isRecord(parameter) && typeof parameter.name === 'string' ? parameter.name.slice(0, 64) : '(unnamed)';
      return problem('invalid-parameter', `Unknown $book parameter: ${name}.`);
    }
  }
  const appointments = named('appointment-resource');
  if (appointments.length !== 1) return problem('invalid-parameter', 'Exactly one appointment-resource is required.');
  const appointment = appointments[0]?.resource;
  if (!isRecord(appointment) || appointment.resourceType !== 'Appointment') return problem('invalid-parameter', 'appointment-resource must be an Appointment.');
  const patients = named('patient-resource');
  if (patients.length > 1) return problem('invalid-parameter', 'At most one patient-resource is allowed.');
  const patient = patients[0]?.resource;
  if (patients.length === 1 && (!isRecord(patient) || patient.resourceType !== 'Patient')) return problem('invalid-parameter', 'patient-resource must be a Patient.');
  const comments = named('comment');
  if (comments.length > 1) return problem('invalid-parameter', 'At most one comment is allowed.');
  const comment = comments[0]?.valueString;
  if (comments.length === 1 && typeof comment !== 'string') return problem('invalid-parameter', 'comment must be a valueString.');
  return {
    ok: true,
    appointment: appointment as unknown as Appointment,
    ...(patients.length === 1 ? { patient: patient as unknown as Patient } : {}),
    ...(typeof comment === 'string' ? { comment } : {}),
  };
}

/**
 * Read a `$book` answer: success Bundle with exactly one Appointment (+ warnings from its
 * OperationOutcome entry), or a failure: a bare OperationOutcome or an OO-only Bundle (spec
 * §5.3.5; upstream `conflict` → `slot-taken`). A 2xx body that is neither → `upstream-invalid`;
 * an unreadable error body → the reason its HTTP status suggests.
 */
export function readBookResult(body: unknown, status: number):
  | { readonly ok: true; readonly appointment: Appointment; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly problem: ItbProblem } {
  const success = status >= 200 && status < 300;
  const resources = isRecord(body) && body.resourceType === 'Bundle'
    ? arrayOf(body.entry).filter(isRecord).map((e) => e.resource).filter(isRecord)
    : isRecord(body) ? [body] : [];
  const appointments = resources.filter((r) => r.resourceType === 'Appointment');
  const hasOutcome = resources.some((r) => r.resourceType === 'OperationOutcome');
  const isBundle = isRecord(body) && body.resourceType === 'Bundle';
  if (success && isBundle && appointments.length === 1) {
    return { ok: true, appointment: appointments[0] as unknown as Appointment, warnings: readWarnings(body) };
  }
  if (hasOutcome && appointments.length === 0) {
    // An OO-only answer is a failure even with 200 (the IHE shape); its status then follows the reason.
    return { ok: false, problem: readOutcome(body, success ? undefined : status) };
  }
  if (success) {
    const what = appointments.length > 1 ? 'more than one Appointment' : 'no Appointment';
    return problem('upstream-invalid', `The booking service answered with ${what}.`);
  }
  const read = readOutcome(body, status);
  return { ok: false, problem: stringOf(read.diagnostics) === undefined ? { ...read, diagnostics: `The booking service answered with HTTP ${status}.` } : read };
}
