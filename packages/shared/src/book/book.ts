/**
 * Building and reading `$book` payloads (spec §5.3): create, modify, cancel.
 * Strict when writing: exactly three participants, `pending` for create, personal numbers as digits.
 * Liberal when reading: participants found by `actor.type`, reference prefix or identifier-only actor.
 * @module
 */
import { ItbDataError } from '../errors.js';
import { arrayOf, isExtensionOf, isRecord, stringOf } from '../fhir/extensions.js';
import type { Appointment, AppointmentParticipant, Extension, Identifier, Parameters, Patient } from '../fhir/types.js';
import { canonicalName, EXT, PROFILE, SYSTEM, type BookingConfirmationCode } from '../fhir/urls.js';
import { participantId, participantKind, participantsOf } from './participants.js';
import { characteristicWith } from './contact.js';

export { participantId, patientOf, treatmentIdOf } from './participants.js';
export { readBookParameters, readBookResult } from './read-book.js';

/** create = new booking, modify = reschedule, cancel = cancel (spec §5.3.2). */
export type BookingIntent = 'create' | 'modify' | 'cancel';

/** Who the booking is for, as the IdP vouched (never from the browser). */
export interface PatientIdentity {
  readonly personalNumber: { readonly system: string; readonly value: string };
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate?: string;
}

/** What the patient types in the review step. */
export interface ContactDetails {
  readonly mobilePhone: string;
  readonly email?: string;
  readonly confirmation: BookingConfirmationCode;
  readonly consentToMarketing?: boolean;
}

/**
 * The create/modify/cancel intent of an appointment sent to `$book`: `pending`/`proposed` → create;
 * `booked` with an id → modify (without one → create); `cancelled` with an id → cancel. Anything
 * else (no status, `fulfilled`, a cancel without id…) → undefined.
 */
export function bookingIntent(appointment: Appointment): BookingIntent | undefined {
  const status = isRecord(appointment) ? appointment.status : undefined;
  const hasId = isRecord(appointment) && stringOf(appointment.id) !== undefined;
  if (status === 'pending' || status === 'proposed') return 'create';
  if (status === 'booked') return hasId ? 'modify' : 'create';
  if (status === 'cancelled') return hasId ? 'cancel' : undefined;
  return undefined;
}

/** Deep copy of plain JSON data, so builders never alias their inputs. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const digitsOnly = (value: string) => value.replace(/\D/g, '');

function actorParticipant(type: 'HealthcareService' | 'PractitionerRole', id: string, source?: AppointmentParticipant): AppointmentParticipant {
  const display = isRecord(source?.actor) ? stringOf(source.actor.display) : undefined;
  return { actor: { type, reference: `${type}/${id}`, ...(display === undefined ? {} : { display }) }, status: 'accepted' };
}

function patientParticipant(identifier: { readonly system: string; readonly value: string }): AppointmentParticipant {
  return { actor: { type: 'Patient', identifier: { system: identifier.system, value: digitsOnly(identifier.value) } }, status: 'accepted' };
}

function sourceParticipant(appointment: Appointment, kind: string): AppointmentParticipant | undefined {
  return participantsOf(appointment).find((p) => participantKind(p) === kind) as AppointmentParticipant | undefined;
}

const isSlotId = (identifier: unknown) => isRecord(identifier) && typeof identifier.system === 'string' && canonicalName(identifier.system) === canonicalName(SYSTEM.slotId);

function withoutExtensions(extensions: readonly Extension[] | undefined, ...declared: string[]): Extension[] {
  return arrayOf(extensions).filter(isRecord).filter((e) => !declared.some((d) => isExtensionOf(e, d))) as unknown as Extension[];
}

/**
 * Build the create Appointment from a `$find` time (spec §5.3.3, §14.5): status `pending`, no id, no
 * `meta.versionId`, `meta.profile` portal-appointment, exactly three participants (HealthcareService
 * — from `clinicId` when `$find` omitted it —, PractitionerRole, identifier-only Patient with the
 * personal number as digits), ActivityDefinition participants dropped (§13.9), the confirmation
 * choice in `wofconnect-characteristic` and, when given, consent to marketing.
 * @throws {ItbDataError} `not-a-resource` when the time names no PractitionerRole.
 */
export function buildCreateAppointment(
  time: Appointment,
  options: { readonly clinicId: string; readonly patient: PatientIdentity; readonly confirmation: BookingConfirmationCode; readonly consentToMarketing?: boolean },
): Appointment {
  const practitionerRoleId = participantId(time, 'PractitionerRole');
  if (practitionerRoleId === undefined) throw new ItbDataError('not-a-resource', 'The chosen time names no PractitionerRole.');
  const { id: _id, meta: _meta, text: _text, contained: _contained, ...rest } = copy(time);
  const clinicId = participantId(time, 'HealthcareService') ?? options.clinicId;
  const characteristic = arrayOf(time.extension).filter(isRecord).find((e) => isExtensionOf(e, EXT.characteristic)) as Extension | undefined;
  const extension = [
    ...withoutExtensions(rest.extension, EXT.characteristic, EXT.consentToMarketing, EXT.appointmentUpdate),
    characteristicWith(characteristic, options.confirmation),
    ...(options.consentToMarketing === undefined ? [] : [{ url: EXT.consentToMarketing, valueBoolean: options.consentToMarketing }]),
  ];
  return {
    ...rest,
    resourceType: 'Appointment',
    meta: { profile: [PROFILE.appointment] },
    extension,
    status: 'pending',
    participant: [
      actorParticipant('HealthcareService', clinicId, sourceParticipant(time, 'HealthcareService')),
      actorParticipant('PractitionerRole', practitionerRoleId, sourceParticipant(time, 'PractitionerRole')),
      patientParticipant(options.patient.personalNumber),
    ],
  };
}

/** The three participants of a booking with the PractitionerRole replaced; others kept as they were. */
function rescheduledParticipants(booking: Appointment, newTime: Appointment): AppointmentParticipant[] {
  const newRole = participantId(newTime, 'PractitionerRole');
  return participantsOf(booking).flatMap((p): AppointmentParticipant[] => {
    const kind = participantKind(p);
    if (kind === 'PractitionerRole') return [newRole === undefined ? (p as unknown as AppointmentParticipant) : actorParticipant('PractitionerRole', newRole, sourceParticipant(newTime, 'PractitionerRole'))];
    if (kind === 'HealthcareService' || kind === 'Patient') return [p as unknown as AppointmentParticipant];
    return [];
  }).concat(newRole !== undefined && participantId(booking, 'PractitionerRole') === undefined
    ? [actorParticipant('PractitionerRole', newRole, sourceParticipant(newTime, 'PractitionerRole'))]
    : []);
}

/**
 * Build the modify Appointment (spec §5.3.3, §14.7): the booking as last returned (id and source
 * identifier kept), status `booked`, with the new time's start/end/requestedPeriod, slot-id
 * identifier and PractitionerRole participant. Server state (`wofconnect-appointment-update`,
 * `meta.versionId`) is not echoed.
 */
export function buildModifyAppointment(booking: Appointment, newTime: Appointment): Appointment {
  const base = copy(booking);
  const time = copy(newTime);
  const newSlot = arrayOf(time.identifier).find(isSlotId) as Identifier | undefined
    ?? (stringOf(time.id) === undefined ? undefined : { system: SYSTEM.slotId, value: time.id });
  const identifier = [...arrayOf(base.identifier).filter((i) => !isSlotId(i)) as Identifier[], ...(newSlot === undefined ? [] : [newSlot])];
  const start = time.start ?? base.start;
  const end = time.end ?? base.end;
  const hasTreatment = arrayOf(base.extension).some((e) => isExtensionOf(e, EXT.activityDefinitionReference));
  const treatment = hasTreatment ? [] : arrayOf(time.extension).filter((e) => isExtensionOf(e, EXT.activityDefinitionReference)) as Extension[];
  const serviceType = base.serviceType ?? time.serviceType;
  return {
    ...base,
    meta: { profile: [PROFILE.appointment] },
    extension: [...treatment, ...withoutExtensions(base.extension, EXT.appointmentUpdate)],
    identifier,
    status: 'booked',
    ...(serviceType === undefined ? {} : { serviceType }),
    ...(start === undefined ? {} : { start }),
    ...(end === undefined ? {} : { end }),
    requestedPeriod: time.requestedPeriod ?? (start === undefined || end === undefined ? base.requestedPeriod : [{ start, end }]),
    participant: rescheduledParticipants(base, time),
  };
}

/**
 * Build the cancel Appointment (spec §5.3.3, §14.8): the booking as last returned, status
 * `cancelled`, with the IHE status reason `patient-cancel`.
 */
export function buildCancelAppointment(booking: Appointment): Appointment {
  const base = copy(booking);
  return {
    ...base,
    meta: { profile: [PROFILE.appointment] },
    extension: [
      { url: EXT.statusReason, valueCodeableConcept: { coding: [{ system: SYSTEM.statusReason, code: 'patient-cancel' }] } },
      ...withoutExtensions(base.extension, EXT.statusReason, EXT.appointmentUpdate),
    ],
    status: 'cancelled',
  };
}

/**
 * PortalPatient from the identity and contact details (spec §7.10): one given name (double names
 * joined with a space, §13.26), personal number as digits, mobile with use `mobile`, e-mail if given.
 */
export function buildPortalPatient(identity: PatientIdentity, contact: ContactDetails): Patient {
  const given = identity.givenName.trim().split(/\s+/).filter((n) => n !== '').join(' ');
  const family = identity.familyName.trim().replace(/\s+/g, ' ');
  const email = contact.email?.trim();
  return {
    resourceType: 'Patient',
    meta: { profile: [PROFILE.patient] },
    ...(contact.consentToMarketing === undefined ? {} : { extension: [{ url: EXT.consentToMarketing, valueBoolean: contact.consentToMarketing }] }),
    identifier: [{ system: identity.personalNumber.system, value: digitsOnly(identity.personalNumber.value) }],
    name: [{ family, given: [given], text: `${given} ${family}`.trim() }],
    telecom: [
      { system: 'phone', value: contact.mobilePhone.trim(), use: 'mobile' },
      ...(email === undefined || email === '' ? [] : [{ system: 'email' as const, value: email }]),
    ],
    ...(identity.birthDate === undefined ? {} : { birthDate: identity.birthDate }),
  };
}

/** The `$book` Parameters: appointment-resource, patient-resource, optional comment (left out when blank). */
export function buildBookParameters(appointment: Appointment, patient: Patient, comment?: string): Parameters {
  const note = comment?.trim();
  return {
    resourceType: 'Parameters',
    parameter: [
      { name: 'appointment-resource', resource: appointment },
      { name: 'patient-resource', resource: patient },
      ...(note === undefined || note === '' ? [] : [{ name: 'comment', valueString: note }]),
    ],
  };
}
