/**
 * What a signed-in patient may read: their own appointments ("My bookings", spec §6.7, ITI-118)
 * and their own Patient (§6.6). Another patient's resources are "not found" / absent from searches.
 * @module
 */
import type { PatientGrant } from '../oidc/patient-idp.js';
import { samePerson, type StoredBooking } from '../store.js';
import { invalid, notFound } from '../http/fhir-error.js';
import { readParameters, referenceId, single, type ParameterDefinition } from '../http/parameters.js';
import { searchset } from './bundle.js';
import { buildBooking } from './resources/appointment.js';
import { buildPatient, patientId } from './resources/patient.js';
import type { SandboxServices } from './services.js';

export const APPOINTMENT_SEARCH_PARAMETERS: readonly ParameterDefinition[] = [
  { name: 'actor', min: 0, max: '*', type: 'reference', targets: ['HealthcareService', 'PractitionerRole', 'Patient'], documentation: 'A participant (the only parameter ITB declares).' },
  // IHE ITI-118 parameters, accepted as an extension (spec §15.7).
  { name: 'patient', min: 0, max: '1', type: 'reference', targets: ['Patient'], documentation: 'IHE: the patient (must be the signed-in one).' },
  { name: 'patient.identifier', min: 0, max: '1', type: 'token', documentation: 'IHE: {system}|{personal number} (must be the signed-in one).' },
  { name: 'date', min: 0, max: '*', type: 'string', documentation: 'IHE: start compared with a prefix (eq, ge, gt, le, lt) and a date or dateTime.' },
  { name: 'status', min: 0, max: '1', type: 'string', documentation: 'IHE: booked and/or cancelled, comma separated.' },
];

export const PATIENT_SEARCH_PARAMETERS: readonly ParameterDefinition[] = [
  { name: 'identifier', min: 0, max: '1', type: 'token', documentation: '{system}|{personal number}.' },
  { name: '_id', min: 0, max: '1', type: 'string', documentation: 'Logical id.' },
];

function me(grant: PatientGrant): { system: string; value: string } {
  return { system: grant.person.system, value: grant.person.personalNumber };
}

function identifierMatches(token: string, grant: PatientGrant): boolean {
  const bar = token.lastIndexOf('|');
  if (bar === -1) return token.replace(/\D/g, '') === grant.person.personalNumber;
  return samePerson({ system: token.slice(0, bar), value: token.slice(bar + 1) }, me(grant));
}

function dateFilter(values: readonly string[]): (booking: StoredBooking) => boolean {
  const tests = values.map((raw) => {
    const match = /^(eq|ge|gt|le|lt)?(\d{4}-\d{2}-\d{2}(T.+)?)$/.exec(raw);
    const at = match === null ? Number.NaN : Date.parse(match[2] ?? '');
    if (match === null || Number.isNaN(at)) throw invalid(`date must be a prefix (eq, ge, gt, le, lt) and a date, got "${raw}".`);
    const dateOnly = match[3] === undefined;
    const dayEnd = dateOnly ? at + 86_400_000 : at;
    switch (match[1] ?? 'eq') {
      case 'ge': return (b: StoredBooking) => b.start >= at;
      case 'gt': return (b: StoredBooking) => b.start >= dayEnd && b.start > at;
      case 'le': return (b: StoredBooking) => b.start < dayEnd || b.start <= at;
      case 'lt': return (b: StoredBooking) => b.start < at;
      default: return (b: StoredBooking) => (dateOnly ? b.start >= at && b.start < dayEnd : b.start === at);
    }
  });
  return (booking) => tests.every((test) => test(booking));
}

export function searchAppointments(services: SandboxServices, query: unknown, grant: PatientGrant): object {
  const params = readParameters(APPOINTMENT_SEARCH_PARAMETERS, query);
  const ctx = services.ctx();
  const mine = patientId({ system: grant.person.system, personalNumber: grant.person.personalNumber });
  const patientRef = single(params, 'patient');
  const patientIdentifier = single(params, 'patient.identifier');
  const someoneElse = (patientRef !== undefined && referenceId(patientRef) !== mine)
    || (patientIdentifier !== undefined && !identifierMatches(patientIdentifier, grant));
  let bookings = someoneElse ? [] : services.store.ofPatient(grant.person.system, grant.person.personalNumber);
  for (const actor of params.get('actor') ?? []) {
    const id = referenceId(actor);
    if (actor.startsWith('Patient/')) bookings = id === mine ? bookings : [];
    else bookings = bookings.filter((b) => (actor.startsWith('HealthcareService/') ? b.clinicId === id : b.roleId === id));
  }
  const statuses = single(params, 'status')?.split(',').map((s) => s.trim());
  if (statuses !== undefined) bookings = bookings.filter((b) => statuses.includes(b.status));
  const dates = params.get('date');
  if (dates !== undefined) bookings = bookings.filter(dateFilter(dates));
  bookings.sort((a, b) => a.start - b.start);
  const now = services.runtime.now();
  return searchset(ctx, bookings.map((b) => buildBooking(ctx, b, now)));
}

export function readAppointment(services: SandboxServices, id: string, grant: PatientGrant): object {
  const booking = services.store.get(id);
  if (booking === undefined || !samePerson(booking.patient, me(grant))) throw notFound('The appointment');
  return buildBooking(services.ctx(), booking, services.runtime.now());
}

export function searchPatients(services: SandboxServices, query: unknown, grant: PatientGrant): object {
  const params = readParameters(PATIENT_SEARCH_PARAMETERS, query);
  const ctx = services.ctx();
  const patient = buildPatient(ctx, grant.person);
  const identifier = single(params, 'identifier');
  const id = single(params, '_id');
  const matches = (identifier === undefined || identifierMatches(identifier, grant)) && (id === undefined || id === patient.id);
  return searchset(ctx, matches ? [patient] : []);
}

export function readPatient(services: SandboxServices, id: string, grant: PatientGrant): object {
  const patient = buildPatient(services.ctx(), grant.person);
  if (patient.id !== id) throw notFound('The patient');
  return patient;
}
