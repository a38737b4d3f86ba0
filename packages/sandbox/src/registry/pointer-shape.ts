/**
 * What the registry requires of a pointer Appointment, and how it reads one. A pointer names its
 * original by `identifier` and carries the patient only by identifier (no reference into a server
 * the registry cannot see). Everything else is kept exactly as sent.
 * @module
 */
import type { Appointment } from '@itb/shared';

/** One validation failure, with the FHIRPath of the element at fault. */
export interface ShapeIssue {
  readonly expression: string;
  readonly diagnostics: string;
}

/** R4 AppointmentStatus. */
export const APPOINTMENT_STATUSES: readonly string[] = ['proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow', 'entered-in-error', 'checked-in', 'waitlist'];
/** R4 ParticipationStatus. */
const PARTICIPATION_STATUSES: readonly string[] = ['accepted', 'declined', 'tentative', 'needs-action'];
/** app-3: only these may lack start and end. */
const UNTIMED_STATUSES: readonly string[] = ['proposed', 'cancelled', 'waitlist'];

/** FHIR `instant`: seconds and a zone are required. */
const INSTANT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d{1,9})?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))$/;

type Loose = Record<string, unknown>;

const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

export interface TokenIdentifier {
  readonly system: string | undefined;
  readonly value: string | undefined;
}

function asIdentifier(value: unknown): TokenIdentifier | undefined {
  if (!isObject(value)) return undefined;
  return { system: typeof value.system === 'string' ? value.system : undefined, value: typeof value.value === 'string' ? value.value : undefined };
}

/** A participant is the patient when its actor says so by `type` or by a `Patient/…` reference. */
function isPatientActor(actor: Loose): boolean {
  return actor.type === 'Patient' || (typeof actor.reference === 'string' && /(^|\/)Patient\//.test(actor.reference));
}

function participantsOf(resource: Appointment): Loose[] {
  const participants: unknown = resource.participant;
  return Array.isArray(participants) ? participants.filter(isObject) : [];
}

/** `Appointment.identifier`. */
export function identifiersOf(resource: Appointment): TokenIdentifier[] {
  const identifiers: unknown = resource.identifier;
  return Array.isArray(identifiers) ? identifiers.map(asIdentifier).filter((i): i is TokenIdentifier => i !== undefined) : [];
}

/** `actor.identifier` of the participants, the patient's only or every one's. */
export function actorIdentifiersOf(resource: Appointment, patientOnly: boolean): TokenIdentifier[] {
  const found: TokenIdentifier[] = [];
  for (const participant of participantsOf(resource)) {
    const actor = participant.actor;
    if (!isObject(actor) || (patientOnly && !isPatientActor(actor))) continue;
    const identifier = asIdentifier(actor.identifier);
    if (identifier !== undefined) found.push(identifier);
  }
  return found;
}

function checkInstant(resource: Loose, name: 'start' | 'end', issues: ShapeIssue[]): boolean {
  const value = resource[name];
  if (value === undefined) return false;
  if (typeof value !== 'string' || !INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    issues.push({ expression: `Appointment.${name}`, diagnostics: `${name} must be a FHIR instant with seconds and a time zone, e.g. 2026-09-15T10:00:00+02:00.` });
    return false;
  }
  return true;
}

function checkParticipants(resource: Loose, issues: ShapeIssue[]): void {
  const participants = resource.participant;
  if (!Array.isArray(participants) || participants.length === 0) {
    issues.push({ expression: 'Appointment.participant', diagnostics: 'participant must be a non-empty array.' });
    return;
  }
  let patients = 0;
  participants.forEach((participant: unknown, index) => {
    const path = `Appointment.participant[${index}]`;
    if (!isObject(participant)) {
      issues.push({ expression: path, diagnostics: 'Each participant must be an object.' });
      return;
    }
    if (typeof participant.status !== 'string' || !PARTICIPATION_STATUSES.includes(participant.status)) {
      issues.push({ expression: `${path}.status`, diagnostics: `status must be one of ${PARTICIPATION_STATUSES.join(', ')}.` });
    }
    const actor = participant.actor;
    if (actor !== undefined && !isObject(actor)) issues.push({ expression: `${path}.actor`, diagnostics: 'actor must be a Reference object.' });
    if (!isObject(actor) || !isPatientActor(actor)) return;
    patients += 1;
    const identifier = actor.identifier;
    if (!isObject(identifier) || !isText(identifier.system) || !isText(identifier.value)) {
      issues.push({ expression: `${path}.actor.identifier`, diagnostics: 'The patient is carried by identifier: actor.identifier needs a system and a value.' });
    }
  });
  if (patients === 0) {
    issues.push({ expression: 'Appointment.participant', diagnostics: 'One participant must be the patient (actor.type "Patient"), carried by actor.identifier.' });
  }
}

/** Every way `value` falls short of a pointer; empty when it is one. */
export function checkPointer(value: unknown): ShapeIssue[] {
  if (!isObject(value)) return [{ expression: 'Appointment', diagnostics: 'The body must be an Appointment resource (a JSON object).' }];
  const issues: ShapeIssue[] = [];
  if (value.resourceType !== 'Appointment') {
    issues.push({ expression: 'resourceType', diagnostics: 'resourceType must be "Appointment".' });
    return issues;
  }
  const status = value.status;
  const statusKnown = typeof status === 'string' && APPOINTMENT_STATUSES.includes(status);
  if (!statusKnown) issues.push({ expression: 'Appointment.status', diagnostics: `status must be one of ${APPOINTMENT_STATUSES.join(', ')}.` });

  const identifiers = value.identifier;
  if (!Array.isArray(identifiers)) {
    issues.push({ expression: 'Appointment.identifier', diagnostics: 'identifier must be an array holding the original appointment\'s identifier (system and value).' });
  } else {
    identifiers.forEach((identifier: unknown, index) => {
      if (!isObject(identifier)) issues.push({ expression: `Appointment.identifier[${index}]`, diagnostics: 'Each identifier must be an object.' });
    });
    if (!identifiers.some((i: unknown) => isObject(i) && isText(i.system) && isText(i.value))) {
      issues.push({ expression: 'Appointment.identifier', diagnostics: 'At least one identifier needs both a system and a value.' });
    }
  }

  checkParticipants(value, issues);

  const hasStart = checkInstant(value, 'start', issues);
  const hasEnd = checkInstant(value, 'end', issues);
  if (hasStart && hasEnd && Date.parse(value.end as string) < Date.parse(value.start as string)) {
    issues.push({ expression: 'Appointment.end', diagnostics: 'end must not be before start.' });
  }
  if ((value.start === undefined) !== (value.end === undefined)) {
    issues.push({ expression: value.start === undefined ? 'Appointment.start' : 'Appointment.end', diagnostics: 'Give both start and end, or neither (R4 invariant app-2).' });
  } else if (value.start === undefined && statusKnown && !UNTIMED_STATUSES.includes(status)) {
    issues.push({ expression: 'Appointment.start', diagnostics: `A ${status} appointment needs start and end (R4 invariant app-3).` });
  }
  return issues;
}
