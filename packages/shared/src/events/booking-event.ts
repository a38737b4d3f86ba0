/**
 * Booking events as they leave the BFF (signed webhooks, Standard Webhooks payload shape
 * `{ type, timestamp, data }`): ids, clinic, treatment, practitioner, times and campaign
 * attribution — read from the booked Appointment field by field, so nothing about the patient
 * (personal number, name, phone, e-mail, comment) can ever be copied along.
 * @module
 */
import type { Attribution } from '../contract/attribution.js';
import type { Appointment } from '../fhir/types.js';
import { participantId, treatmentIdOf } from '../book/participants.js';

/** What happened to a booking. */
export type BookingEventType = 'booking.created' | 'booking.rescheduled' | 'booking.cancelled';

/** Every event type, for receivers' and the README's lists. */
export const BOOKING_EVENT_TYPES: readonly BookingEventType[] = ['booking.created', 'booking.rescheduled', 'booking.cancelled'];

/** A clinic, treatment or practitioner: its ITB id and, when the catalog knows it, its name. */
export interface EventParty {
  readonly id: string;
  readonly name?: string;
}

/** The `data` of a booking event. */
export interface BookingEventData {
  /** The ITB Appointment id. */
  readonly appointmentId: string;
  /** The Appointment's status after the change (`booked`, `cancelled`). */
  readonly status: string;
  readonly start?: string;
  readonly end?: string;
  /** The start before a reschedule. */
  readonly previousStart?: string;
  readonly clinic?: EventParty;
  readonly treatment?: EventParty;
  readonly practitioner?: EventParty;
  /** A new booking's UTM values (already cleaned of anything personal). */
  readonly attribution?: Attribution;
}

/** One event: what the webhook body carries. */
export interface BookingEvent {
  /** Also the Standard Webhooks `webhook-id`: every retry of this event carries it. */
  readonly id: string;
  readonly type: BookingEventType;
  /** ISO time of the change. */
  readonly timestamp: string;
  readonly data: BookingEventData;
}

/** Names for the ids, from the catalog; any may be missing. */
export interface EventNames {
  clinic(id: string): string | undefined;
  treatment(id: string): string | undefined;
  practitioner(id: string): string | undefined;
}

const NO_NAMES: EventNames = { clinic: () => undefined, treatment: () => undefined, practitioner: () => undefined };

function party(id: string | undefined, name: (id: string) => string | undefined): EventParty | undefined {
  if (id === undefined) return undefined;
  const known = name(id);
  return known === undefined ? { id } : { id, name: known };
}

/**
 * The event data of `appointment` (as ITB answered the change). Only the fields listed here are
 * read; `previous` (a reschedule's earlier booking) gives `previousStart`.
 */
export function bookingEventData(
  appointment: Appointment,
  options: { previous?: Appointment | undefined; attribution?: Attribution | undefined; names?: EventNames } = {},
): BookingEventData {
  const names = options.names ?? NO_NAMES;
  const data: Record<string, unknown> = {
    appointmentId: appointment.id ?? '',
    status: appointment.status,
    start: appointment.start,
    end: appointment.end,
    previousStart: options.previous?.start !== appointment.start ? options.previous?.start : undefined,
    clinic: party(participantId(appointment, 'HealthcareService'), names.clinic),
    treatment: party(treatmentIdOf(appointment), names.treatment),
    practitioner: party(participantId(appointment, 'PractitionerRole'), names.practitioner),
    attribution: options.attribution !== undefined && Object.keys(options.attribution).length > 0 ? { ...options.attribution } : undefined,
  };
  for (const key of Object.keys(data)) if (data[key] === undefined) delete data[key];
  return data as unknown as BookingEventData;
}
