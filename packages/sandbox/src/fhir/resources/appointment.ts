/**
 * PortalAvailableAppointment (a `$find` time, spec §7.8) and PortalAppointment (a booking, §7.11).
 * @module
 */
import { PROFILE, SYSTEM, type Appointment, type AppointmentParticipant, type Extension } from '@itb/shared';
import type { SeedClinic, SeedPractitioner, SeedTreatment } from '../../seed/types.js';
import type { Slot } from '../../slots/slot-engine.js';
import type { StoredBooking } from '../../store.js';
import { extensionUrl, instant, referenceTo, slotResourceId, treatmentCoding, typedIdentifier, type FhirContext } from '../dialect.js';
import { schedulingCharacteristic } from './clinic.js';
import { practitionerDisplay } from './practitioner-role.js';
import { changeFlags } from '../booking-rules.js';

const SLOT_TYPE = { code: 'slot-id', text: 'slot id' };
const SOURCE_TYPE = { code: 'sourcesystem-identifier', text: 'source systems appointment concept' };

/** One `$find` result. */
export function buildAvailableAppointment(ctx: FhirContext, slot: Slot, clinic: SeedClinic, practitioner: SeedPractitioner, treatment: SeedTreatment): Appointment {
  const start = instant(ctx, slot.start);
  const end = instant(ctx, slot.end);
  const roleParticipant = {
    actor: { type: 'PractitionerRole', reference: referenceTo(ctx, 'PractitionerRole', practitioner.roleId), display: practitionerDisplay(practitioner, clinic) },
    status: 'accepted' as const,
  };
  // Live `$find` omitted the HealthcareService participant and added an (invalid) ActivityDefinition
  // one, without the `status` every participant should have (§13.9).
  const participant = ctx.strict
    ? [{ actor: { type: 'HealthcareService', reference: `HealthcareService/${clinic.id}`, display: clinic.name }, status: 'accepted' as const }, roleParticipant]
    // The types require `status`; this participant is exactly the live deviation that lacks it.
    : [roleParticipant, { actor: { type: 'ActivityDefinition', reference: `ActivityDefinition/${treatment.id}`, display: treatment.title } } as unknown as AppointmentParticipant];
  return {
    resourceType: 'Appointment',
    id: slotResourceId(ctx, slot.slotId),
    meta: { profile: [PROFILE.availableAppointment] },
    extension: [{ url: extensionUrl(ctx, 'activityDefinitionReference'), valueReference: { reference: `ActivityDefinition/${treatment.id}`, display: treatment.title } }],
    identifier: [
      typedIdentifier(ctx, { system: SYSTEM.slotId, value: slot.slotId }, SLOT_TYPE),
      // Live: the system without its /{endpointId} suffix, the endpoint id as value (§13.11).
      typedIdentifier(ctx, { system: ctx.strict ? `${SYSTEM.appointmentSourcePrefix}/${clinic.endpointId}` : SYSTEM.appointmentSourcePrefix, value: clinic.endpointId }, SOURCE_TYPE),
    ],
    status: 'proposed',
    serviceType: [{ coding: [treatmentCoding(ctx, treatment)], text: treatment.title }],
    start,
    end,
    requestedPeriod: [{ start, end }],
    participant,
  };
}

/** A booking as PortalAppointment, with its change flags evaluated at `now`. */
export function buildBooking(ctx: FhirContext, booking: StoredBooking, now: number): Appointment {
  const clinic = ctx.catalog.clinic(booking.clinicId);
  const practitioner = ctx.catalog.practitioner(booking.roleId);
  const treatment = ctx.catalog.treatment(booking.treatmentId);
  if (clinic === undefined || practitioner === undefined || treatment === undefined) throw new Error(`booking ${booking.id} refers to unknown seed data`);
  const flags = changeFlags(booking, clinic, now);
  const extension: Extension[] = [
    { url: extensionUrl(ctx, 'activityDefinitionReference'), valueReference: { reference: `ActivityDefinition/${treatment.id}`, display: treatment.title } },
    {
      url: extensionUrl(ctx, 'appointmentUpdate'),
      extension: [
        { url: 'webReschedulingCount', valueInteger: booking.reschedules },
        { url: 'canBeRescheduled', valueBoolean: flags.canBeRescheduled },
        { url: 'canBeCancelled', valueBoolean: flags.canBeCancelled },
      ],
    },
  ];
  const confirmation = booking.confirmation === undefined ? [] : [{ url: 'bookingConfirmation', valueCoding: { system: SYSTEM.wcCharacteristic, code: booking.confirmation } }];
  const characteristic = schedulingCharacteristic(ctx, clinic, confirmation);
  if (characteristic !== undefined) extension.push(characteristic);
  if (booking.consentToMarketing !== undefined) extension.push({ url: extensionUrl(ctx, 'consentToMarketing'), valueBoolean: booking.consentToMarketing });
  if (booking.statusReason !== undefined) {
    extension.push({ url: extensionUrl(ctx, 'statusReason'), valueCodeableConcept: { coding: [{ system: SYSTEM.statusReason, code: booking.statusReason }] } });
  }
  const start = instant(ctx, booking.start);
  const end = instant(ctx, booking.end);
  return {
    resourceType: 'Appointment',
    id: booking.id,
    meta: { versionId: String(booking.versionId), lastUpdated: new Date(booking.lastUpdated).toISOString(), profile: [PROFILE.appointment] },
    extension,
    identifier: [typedIdentifier(ctx, { system: `${SYSTEM.appointmentSourcePrefix}/${clinic.endpointId}`, value: booking.sourceKey }, SOURCE_TYPE)],
    status: booking.status,
    serviceType: [{ coding: [treatmentCoding(ctx, treatment)], text: treatment.title }],
    start,
    end,
    requestedPeriod: [{ start, end }],
    ...(booking.comment === undefined ? {} : { comment: booking.comment }),
    participant: [
      { actor: { type: 'HealthcareService', reference: `HealthcareService/${clinic.id}`, display: clinic.name }, status: 'accepted' },
      { actor: { type: 'PractitionerRole', reference: `PractitionerRole/${practitioner.roleId}`, display: practitionerDisplay(practitioner, clinic) }, status: 'accepted' },
      { actor: { type: 'Patient', identifier: { system: booking.patient.system, value: booking.patient.value } }, status: 'accepted' },
    ],
  };
}
