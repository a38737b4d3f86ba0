/**
 * Reading who takes part in an Appointment, tolerant of the variants in spec §13.9: participants
 * are recognised by `actor.type`, else by the reference's type prefix, else (the patient) as an
 * identifier-only actor. Unknown participants are ignored.
 * @module
 */
import { arrayOf, findExtension, isRecord, stringOf } from '../fhir/extensions.js';
import { referenceId, referenceType } from '../fhir/references.js';
import type { Appointment } from '../fhir/types.js';
import { EXT } from '../fhir/urls.js';

type Loose = Record<string, unknown>;

/** The participant kinds the booking flow cares about. */
export type ParticipantKind = 'HealthcareService' | 'PractitionerRole' | 'Patient' | 'ActivityDefinition';

/** The kind of one participant, or undefined when it cannot be told. */
export function participantKind(participant: unknown): string | undefined {
  if (!isRecord(participant) || !isRecord(participant.actor)) return undefined;
  const actor = participant.actor;
  const declared = stringOf(actor.type);
  // `type` is a resource type name, though some send a StructureDefinition URL.
  if (declared !== undefined) return declared.slice(declared.lastIndexOf('/') + 1);
  const fromReference = referenceType(actor.reference);
  if (fromReference !== undefined) return fromReference;
  if (stringOf(actor.reference) === undefined && isRecord(actor.identifier)) return 'Patient';
  return undefined;
}

/** Every participant (objects only) of an appointment. */
export function participantsOf(appointment: unknown): Loose[] {
  return isRecord(appointment) ? arrayOf(appointment.participant).filter(isRecord) : [];
}

/** The id in a participant reference of that type (`HealthcareService`/`PractitionerRole`), tolerant of §13.9 variants. */
export function participantId(appointment: Appointment, type: 'HealthcareService' | 'PractitionerRole'): string | undefined {
  for (const participant of participantsOf(appointment)) {
    if (participantKind(participant) !== type) continue;
    const actor = participant.actor as Loose;
    const id = referenceId(actor.reference, type);
    if (id !== undefined) return id;
  }
  return undefined;
}

/** The patient's personal-number identifier from the identifier-only patient participant. */
export function patientOf(appointment: Appointment): { system: string; value: string } | undefined {
  for (const participant of participantsOf(appointment)) {
    if (participantKind(participant) !== 'Patient') continue;
    const identifier = (participant.actor as Loose).identifier;
    if (!isRecord(identifier)) continue;
    const system = stringOf(identifier.system);
    const value = stringOf(identifier.value);
    if (system !== undefined && value !== undefined) return { system, value };
  }
  return undefined;
}

/**
 * The treatment id from the activity-definition-reference extension, else from the (invalid but
 * live) ActivityDefinition participant.
 */
export function treatmentIdOf(appointment: Appointment): string | undefined {
  const extension = findExtension(appointment, EXT.activityDefinitionReference);
  const fromExtension = extension === undefined ? undefined : referenceId(extension.valueReference, 'ActivityDefinition');
  if (fromExtension !== undefined) return fromExtension;
  const participant = participantsOf(appointment).find((p) => participantKind(p) === 'ActivityDefinition');
  return participant === undefined ? undefined : referenceId((participant.actor as Loose).reference, 'ActivityDefinition');
}
