/**
 * The appointment registry's pointer: a FHIR Appointment that says "this patient has this booking
 * at ITB", so another service can find it and go to the original. It carries the status and times,
 * the patient by identifier only, clinic and practitioner by identifier and display, and an
 * identifier whose system is the ITB tenant's Appointment endpoint and whose value the ITB id —
 * the key the registry's conditional update matches on, so a retry updates the same pointer.
 * @module
 */
import type { Appointment } from '../fhir/types.js';
import type { BookingEventData } from './booking-event.js';

/** The FHIR search value (`system|value`) that finds the pointer of an ITB appointment. */
export function pointerIdentifier(itbFhirBase: string, appointmentId: string): { system: string; value: string } {
  return { system: `${itbFhirBase}/Appointment`, value: appointmentId };
}

function actorOf(itbFhirBase: string, type: 'HealthcareService' | 'PractitionerRole', party: { id: string; name?: string } | undefined): Record<string, unknown> | undefined {
  if (party === undefined) return undefined;
  const actor: Record<string, unknown> = { type, identifier: { system: `${itbFhirBase}/${type}`, value: party.id } };
  if (party.name !== undefined) actor.display = party.name;
  return { actor, status: 'accepted' };
}

/**
 * The pointer for an event's data and the patient's identifier. Participants: the patient
 * (identifier only), the practitioner and the clinic (identifier + display when known).
 */
export function registryPointer(
  itbFhirBase: string,
  data: BookingEventData,
  patient: { system: string; value: string },
): Appointment {
  const participants = [
    { actor: { type: 'Patient', identifier: { system: patient.system, value: patient.value } }, status: 'accepted' },
    actorOf(itbFhirBase, 'PractitionerRole', data.practitioner),
    actorOf(itbFhirBase, 'HealthcareService', data.clinic),
  ].filter((p) => p !== undefined);
  const pointer: Record<string, unknown> = {
    resourceType: 'Appointment',
    identifier: [pointerIdentifier(itbFhirBase, data.appointmentId)],
    status: data.status,
    participant: participants,
  };
  if (data.start !== undefined) pointer.start = data.start;
  if (data.end !== undefined) pointer.end = data.end;
  return pointer as unknown as Appointment;
}
