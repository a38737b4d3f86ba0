/**
 * Building and reading `$book` payloads (spec §5.3): create, modify, cancel.
 * Strict when writing: exactly three participants, `pending` for create, personal numbers as digits.
 * Liberal when reading: participants found by `actor.type`, reference prefix or identifier-only actor.
 * @module
 */
import type { Appointment, Parameters, Patient } from '../fhir/types.js';
import type { BookingConfirmationCode } from '../fhir/urls.js';
import type { ItbProblem } from '../outcome/outcome.js';

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

/** The create/modify/cancel intent of an appointment sent to `$book`. */
export function bookingIntent(appointment: Appointment): BookingIntent | undefined { void appointment; throw new Error('TODO'); }

export { participantId, patientOf, treatmentIdOf } from './participants.js';

/** Build the create Appointment from a `$find` time (spec §5.3.3): status pending, no id, 3 participants. */
export function buildCreateAppointment(
  time: Appointment,
  options: { readonly clinicId: string; readonly patient: PatientIdentity; readonly confirmation: BookingConfirmationCode; readonly consentToMarketing?: boolean },
): Appointment { void time; void options; throw new Error('TODO'); }

/** Build the modify Appointment: the booking as last returned, with the new time's start/end/period/slot-id/practitioner. */
export function buildModifyAppointment(booking: Appointment, newTime: Appointment): Appointment { void booking; void newTime; throw new Error('TODO'); }

/** Build the cancel Appointment: the booking as last returned, status cancelled, IHE status-reason `patient-cancel`. */
export function buildCancelAppointment(booking: Appointment): Appointment { void booking; throw new Error('TODO'); }

/** PortalPatient from the identity and contact details (one given name: double names joined, §13.26). */
export function buildPortalPatient(identity: PatientIdentity, contact: ContactDetails): Patient { void identity; void contact; throw new Error('TODO'); }

/** The `$book` Parameters: appointment-resource, patient-resource, optional comment. */
export function buildBookParameters(appointment: Appointment, patient: Patient, comment?: string): Parameters { void appointment; void patient; void comment; throw new Error('TODO'); }

/** Read `$book` Parameters (sandbox, BFF). */
export function readBookParameters(body: unknown):
  | { readonly ok: true; readonly appointment: Appointment; readonly patient?: Patient; readonly comment?: string }
  | { readonly ok: false; readonly problem: ItbProblem } { void body; throw new Error('TODO'); }

/**
 * Read a `$book` answer: success Bundle with one Appointment (+ warnings), or a failure
 * (bare OperationOutcome or OO-only Bundle, spec §5.3.5).
 */
export function readBookResult(body: unknown, status: number):
  | { readonly ok: true; readonly appointment: Appointment; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly problem: ItbProblem } { void body; void status; throw new Error('TODO'); }
