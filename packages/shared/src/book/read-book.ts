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

type Loose = Record<string, unknown>;

const optional = (value: unknown, test: (v: unknown) => boolean) => value === undefined || test(value);
const isString = (value: unknown) => typeof value === 'string';
const arrayOfRecords = (value: unknown, each: (item: Loose) => boolean = () => true) =>
  Array.isArray(value) && value.every((item) => isRecord(item) && each(item));

/** An extension list as FHIR JSON has it: objects with a string `url`, nested lists alike. */
function validExtensions(value: unknown): boolean {
  return optional(value, (list) => arrayOfRecords(list, (e) => isString(e.url)
    && validExtensions(e.extension)
    && optional(e.valueReference, isRecord) && optional(e.valueCoding, isRecord) && optional(e.valueCodeableConcept, isRecord)));
}

const validIdentifier = (i: Loose) => optional(i.system, isString) && optional(i.value, isString);

/**
 * Where the elements a `$book` reader relies on have the wrong JSON type (`"extension":"x"`,
 * `"identifier":"x"`, an actor that is not an object…), the name of the first such element.
 * Tolerant readers skip what they do not know; these they must be able to walk.
 */
function malformedElement(resource: Loose): string | undefined {
  const checks: Array<[string, boolean]> = [
    ['id', optional(resource.id, isString)],
    ['status', optional(resource.status, isString)],
    ['start', optional(resource.start, isString)],
    ['end', optional(resource.end, isString)],
    ['meta', optional(resource.meta, isRecord)],
    ['extension', validExtensions(resource.extension)],
    ['modifierExtension', validExtensions(resource.modifierExtension)],
    ['identifier', optional(resource.identifier, (v) => arrayOfRecords(v, validIdentifier))],
    ['serviceType', optional(resource.serviceType, (v) => arrayOfRecords(v, (c) => optional(c.coding, (x) => arrayOfRecords(x))))],
    ['requestedPeriod', optional(resource.requestedPeriod, (v) => arrayOfRecords(v))],
    ['participant', optional(resource.participant, (v) => arrayOfRecords(v, (p) => optional(p.actor, (actor) => isRecord(actor)
      && optional(actor.reference, isString) && optional(actor.type, isString) && optional(actor.identifier, (i) => isRecord(i) && validIdentifier(i)))))],
    ['telecom', optional(resource.telecom, (v) => arrayOfRecords(v, (t) => optional(t.system, isString) && optional(t.value, isString)))],
    ['name', optional(resource.name, (v) => arrayOfRecords(v))],
  ];
  return checks.find(([, ok]) => !ok)?.[0];
}

/**
 * Read `$book` Parameters (sandbox, BFF): `appointment-resource` 1..1 (an Appointment),
 * `patient-resource` 0..1 (a Patient; the BFF takes the patient from the session, ITB requires it),
 * `comment` 0..1 (`valueString`). Anything else, or an element the readers walk with the wrong JSON
 * type, → `invalid-parameter`. Diagnostics name the parameter or element, never its content.
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
  const badAppointment = malformedElement(appointment);
  if (badAppointment !== undefined) return problem('invalid-parameter', `appointment-resource.${badAppointment} has the wrong JSON type.`);
  const patients = named('patient-resource');
  if (patients.length > 1) return problem('invalid-parameter', 'At most one patient-resource is allowed.');
  const patient = patients[0]?.resource;
  if (patients.length === 1 && (!isRecord(patient) || patient.resourceType !== 'Patient')) return problem('invalid-parameter', 'patient-resource must be a Patient.');
  const badPatient = isRecord(patient) ? malformedElement(patient) : undefined;
  if (badPatient !== undefined) return problem('invalid-parameter', `patient-resource.${badPatient} has the wrong JSON type.`);
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
