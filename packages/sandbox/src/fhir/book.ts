/**
 * `Appointment/$book` (spec §5.3): create, modify (reschedule) or cancel a booking for the signed-in
 * patient. Failures are a bare OperationOutcome (§15.6): 400 malformed, 403 not this patient's,
 * 404 no such booking, 409 time taken (issue code `conflict`), 422 a booking rule (`business-rule`,
 * the rule named). Store writes are synchronous check-and-set, so concurrent calls cannot both win.
 * @module
 */
import { PROFILE, type OperationOutcome } from '@itb/shared';
import type { PatientGrant } from '../oidc/patient-idp.js';
import type { SeedClinic, SeedPractitioner, SeedTreatment } from '../seed/types.js';
import { samePerson, type StoredBooking } from '../store.js';
import { FhirError, invalid, notFound } from '../http/fhir-error.js';
import type { ParameterDefinition } from '../http/parameters.js';
import { searchset } from './bundle.js';
import { checkNewTime, decideChange, ruleError } from './booking-rules.js';
import { readBookRequest, type BookRequest } from './book-request.js';
import { buildBooking } from './resources/appointment.js';
import { bookingResourceId } from './dialect.js';
import type { SandboxServices } from './services.js';

export const BOOK_PARAMETERS: readonly (ParameterDefinition & { resourceType?: string })[] = [
  { name: 'appointment-resource', min: 1, max: '1', type: 'string', resourceType: 'Appointment', documentation: 'The whole Appointment: pending/proposed to create, booked to modify, cancelled to cancel.' },
  { name: 'patient-resource', min: 1, max: '1', type: 'string', resourceType: 'Patient', documentation: 'The PortalPatient the booking is for (must be the signed-in patient).' },
  { name: 'comment', min: 0, max: '1', type: 'string', documentation: 'Free text for the clinic.' },
];

/** Extra scope for changing an existing booking (spec §3.4). */
export const APPOINTMENT_WRITE_SCOPE = 'patient/Appointment.write';

function slotTaken(): FhirError {
  return new FhirError('slot-taken', 'The chosen time is no longer available. Search again and pick another time.', { status: 409 });
}

interface NewTime {
  readonly clinic: SeedClinic;
  readonly role: SeedPractitioner;
  readonly treatment: SeedTreatment;
  readonly start: number;
  readonly end: number;
  readonly slotId: string;
}

/** Check the requested time against the catalog, the clinic's rules and the schedule (not the store). */
function checkTime(services: SandboxServices, request: BookRequest, fallback: StoredBooking | undefined, grant: PatientGrant, now: number): NewTime {
  const { catalog, engine } = services;
  const roleId = request.roleId ?? fallback?.roleId;
  if (roleId === undefined) throw invalid('appointment-resource needs a PractitionerRole participant.');
  const role = catalog.practitioner(roleId);
  if (role === undefined) throw invalid(`Unknown PractitionerRole/${roleId}.`);
  const clinic = catalog.clinic(role.clinicId);
  if (clinic === undefined) throw new Error(`seed: ${role.roleId} has no clinic`);
  if (request.clinicId !== undefined && request.clinicId !== clinic.id) throw invalid(`PractitionerRole/${role.roleId} does not work at HealthcareService/${request.clinicId}.`);
  const treatment = request.treatmentId !== undefined ? catalog.treatment(request.treatmentId)
    : request.treatmentCode !== undefined ? catalog.treatmentByCode(request.treatmentCode)
      : fallback === undefined ? undefined : catalog.treatment(fallback.treatmentId);
  if (treatment === undefined) throw invalid('appointment-resource needs a known treatment (activity-definition-reference extension or serviceType code).');
  const offer = catalog.offer(role.roleId, treatment.id);
  if (offer === undefined) throw invalid(`PractitionerRole/${role.roleId} does not offer ActivityDefinition/${treatment.id}.`);
  if (clinic.externalBookingUrl !== undefined) throw new FhirError('external-booking', 'hasExternalBooking: this clinic is booked through an external service, not through this API.', { status: 422, detail: 'hasExternalBooking' });
  if (!offer.isOnline) throw new FhirError('offer-offline', `isOnline: the practitioner's booking system is offline. ${offer.offlineReason ?? ''}`.trim(), { status: 422, detail: 'isOnline' });
  const start = request.start ?? fallback?.start;
  const end = request.end ?? fallback?.end;
  if (start === undefined || end === undefined) throw invalid('appointment-resource needs start and end.');
  if (end - start !== treatment.durationMinutes * 60_000) throw invalid(`end must be start + ${treatment.durationMinutes} minutes for ${treatment.title}.`);
  const slotId = engine.slotIdOf(clinic, role, start);
  if (request.slotId !== undefined && request.slotId !== slotId && request.slotId !== fallback?.slotId) {
    throw invalid('The slot-id identifier does not match the appointment\'s start and practitioner.');
  }
  checkNewTime(clinic, start, now, grant.person.birthDate);
  // Outside working hours, beyond the horizon or booked by other patients: as good as taken.
  if (engine.slotAt({ clinic, practitioner: role, durationMinutes: treatment.durationMinutes, now, taken: [] }, start) === undefined) throw slotTaken();
  return { clinic, role, treatment, start, end, slotId };
}

function ownBooking(services: SandboxServices, request: BookRequest, grant: PatientGrant): StoredBooking {
  const booking = request.id === undefined ? undefined : services.store.get(request.id);
  // Another patient's booking is "not found" for this one: its existence is not revealed.
  if (booking === undefined || !samePerson(booking.patient, { system: grant.person.system, value: grant.person.personalNumber })) {
    throw notFound('The appointment');
  }
  return booking;
}

function result(services: SandboxServices, booking: StoredBooking, notice?: OperationOutcome): object {
  const ctx = services.ctx();
  const appointment = buildBooking(ctx, booking, services.runtime.now());
  return searchset(ctx, [appointment], { ...(ctx.strict ? { profile: PROFILE.iheAvailBundle } : {}), ...(notice === undefined ? {} : { outcome: notice }) });
}

export function book(services: SandboxServices, body: unknown, grant: PatientGrant): object {
  const request = readBookRequest(body);
  const me = { system: grant.person.system, value: grant.person.personalNumber };
  if (!samePerson(request.patient, me) || !samePerson(request.patientResource, me)) {
    throw new FhirError('forbidden', 'A patient can only book, change or cancel their own appointments.', { status: 403 });
  }
  if (request.intent !== 'create' && !grant.scopes.has(APPOINTMENT_WRITE_SCOPE)) {
    throw new FhirError('forbidden', `The patient token lacks the scope ${APPOINTMENT_WRITE_SCOPE}.`, { status: 403 });
  }
  const { store, runtime, catalog } = services;
  const now = runtime.now();
  const details = {
    ...(request.comment === undefined ? {} : { comment: request.comment }),
    ...(request.confirmation === undefined ? {} : { confirmation: request.confirmation }),
    ...(request.consentToMarketing === undefined ? {} : { consentToMarketing: request.consentToMarketing }),
  };

  if (request.intent === 'create') {
    const time = checkTime(services, request, undefined, grant, now);
    const created = store.create({
      clinicId: time.clinic.id, roleId: time.role.roleId, treatmentId: time.treatment.id, start: time.start, end: time.end, slotId: time.slotId,
      patient: { system: grant.person.system, value: grant.person.personalNumber }, registeredAt: now, ...details,
    }, now, (sourceKey) => bookingResourceId(services.ctx(), time.slotId, sourceKey));
    if (!created.ok) throw slotTaken();
    return result(services, created.booking);
  }

  const booking = ownBooking(services, request, grant);
  const clinic = catalog.clinic(booking.clinicId);
  if (clinic === undefined) throw new Error(`booking ${booking.id} has no clinic`);
  if (booking.status === 'cancelled') throw ruleError('already-cancelled', clinic);

  if (request.intent === 'cancel') {
    const decision = decideChange('cancel', booking, clinic, now);
    if (!decision.ok) throw ruleError(decision.reason, clinic);
    const cancelled = store.cancel(booking.id, now, { ...(request.comment === undefined ? {} : { comment: request.comment }), statusReason: request.statusReason ?? 'patient-cancel' });
    if (!cancelled.ok) throw notFound('The appointment');
    return result(services, cancelled.booking);
  }

  const sameTime = (request.start === undefined || request.start === booking.start) && (request.roleId === undefined || request.roleId === booking.roleId);
  if (sameTime) {
    // Nothing to move (e.g. only the comment changed): not a reschedule.
    const updated = store.reschedule(booking.id, { clinicId: booking.clinicId, roleId: booking.roleId, treatmentId: booking.treatmentId, start: booking.start, end: booking.end, slotId: booking.slotId }, now, { ...(request.comment === undefined ? {} : { comment: request.comment }), countsAsReschedule: false });
    if (!updated.ok) throw notFound('The appointment');
    return result(services, updated.booking);
  }
  const decision = decideChange('reschedule', booking, clinic, now);
  if (!decision.ok) throw ruleError(decision.reason, clinic);
  const time = checkTime(services, request, booking, grant, now);
  const moved = store.reschedule(booking.id, { clinicId: time.clinic.id, roleId: time.role.roleId, treatmentId: time.treatment.id, start: time.start, end: time.end, slotId: time.slotId }, now, { ...(request.comment === undefined ? {} : { comment: request.comment }), countsAsReschedule: true });
  if (!moved.ok) throw moved.reason === 'conflict' ? slotTaken() : notFound('The appointment');
  const more = decideChange('reschedule', moved.booking, clinic, now);
  const notice: OperationOutcome | undefined = !more.ok && more.reason === 'reschedule-limit-reached'
    ? { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', diagnostics: 'Rescheduled. No further online reschedules are allowed for this booking.' }] }
    : undefined;
  return result(services, moved.booking, notice);
}
