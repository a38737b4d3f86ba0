/**
 * Views the steps derive from a snapshot. Thin wrappers: the domain rules themselves live in
 * `@itb/shared`; this only decides what to ask it for given the current choices.
 * @module
 */
import {
  canCancel, canReschedule, clinicsOfferingTreatment, participantId, listClinics, listTreatments, offersFor, practitionersFor, treatmentsAtClinic,
} from '@itb/shared';
import type { Appointment, Clinic, Offer, Practitioner, RuleDecision, Treatment } from '@itb/shared';
import type { BookingSnapshot } from './booking-state.js';

export function selectedClinic(s: BookingSnapshot): Clinic | undefined {
  return s.clinicId === undefined ? undefined : s.catalog?.clinics.get(s.clinicId);
}

export function selectedTreatment(s: BookingSnapshot): Treatment | undefined {
  return s.treatmentId === undefined ? undefined : s.catalog?.treatments.get(s.treatmentId);
}

export function selectedPractitioner(s: BookingSnapshot): Practitioner | undefined {
  return s.practitionerId === undefined ? undefined : s.catalog?.practitioners.get(s.practitionerId);
}

/** Campaign hits first, keeping the catalog's order otherwise (sort is stable). */
function campaignFirst<T extends { readonly id: string }>(items: T[], ids: readonly string[] | undefined): T[] {
  if (ids === undefined || ids.length === 0) return items;
  return items.sort((a, b) => Number(ids.includes(b.id)) - Number(ids.includes(a.id)));
}

/** Clinics to offer: those with the chosen treatment, else all. */
export function visibleClinics(s: BookingSnapshot): Clinic[] {
  if (s.catalog === undefined) return [];
  const clinics = s.treatmentId === undefined ? listClinics(s.catalog) : clinicsOfferingTreatment(s.catalog, s.treatmentId);
  return campaignFirst(clinics, s.campaign?.clinicIds);
}

/** Treatments to offer: those at the chosen clinic, else all. */
export function visibleTreatments(s: BookingSnapshot): Treatment[] {
  if (s.catalog === undefined) return [];
  const treatments = s.clinicId === undefined ? listTreatments(s.catalog) : treatmentsAtClinic(s.catalog, s.clinicId);
  return campaignFirst(treatments, s.campaign?.treatmentIds);
}

/** The offers of the chosen treatment at the chosen clinic (one per practitioner). */
export function currentOffers(s: BookingSnapshot): Offer[] {
  if (s.catalog === undefined || s.clinicId === undefined || s.treatmentId === undefined) return [];
  return offersFor(s.catalog, s.clinicId, s.treatmentId);
}

/** Offers of a treatment at a clinic, or at any clinic when none is chosen (for price/duration display). */
export function offersOfTreatment(s: BookingSnapshot, treatmentId: string): Offer[] {
  if (s.catalog === undefined) return [];
  return s.catalog.offers.filter((o) => o.treatmentId === treatmentId && (s.clinicId === undefined || o.clinicId === s.clinicId));
}

/** Online when any offer is; otherwise the first offline reason (§11.3: the whole endpoint is usually down). */
export function onlineState(offers: readonly Offer[]): { online: boolean; reason?: string } {
  if (offers.length === 0 || offers.some((o) => o.isOnline)) return { online: true };
  const reason = offers.find((o) => o.offlineReason !== undefined)?.offlineReason;
  return reason === undefined ? { online: false } : { online: false, reason };
}

export interface PractitionerChoice {
  readonly practitioner: Practitioner;
  readonly offer: Offer | undefined;
}

export function practitionerChoices(s: BookingSnapshot): PractitionerChoice[] {
  if (s.catalog === undefined || s.clinicId === undefined || s.treatmentId === undefined) return [];
  const offers = currentOffers(s);
  return practitionersFor(s.catalog, s.clinicId, s.treatmentId)
    .map((practitioner) => ({ practitioner, offer: offers.find((o) => o.practitionerRoleId === practitioner.id) }));
}

/** The offer that describes what is booked (price, duration): the chosen practitioner's, else the first online one. */
export function displayOffer(s: BookingSnapshot, practitionerRoleId?: string): Offer | undefined {
  const offers = currentOffers(s);
  return offers.find((o) => o.practitionerRoleId === (practitionerRoleId ?? s.practitionerId))
    ?? offers.find((o) => o.isOnline) ?? offers[0];
}

export function practitionerName(s: BookingSnapshot, id: string | undefined): string {
  if (id === undefined) return '';
  return s.catalog?.practitioners.get(id)?.name ?? '';
}

/** May this booking be cancelled / moved now? The clinic's rules, with server flags winning (decided in @itb/shared). */
export function changeDecisions(s: BookingSnapshot, appointment: Appointment, now: Date): { cancel: RuleDecision; reschedule: RuleDecision } {
  const clinicId = participantId(appointment, 'HealthcareService');
  const rules = (clinicId === undefined ? undefined : s.catalog?.clinics.get(clinicId)?.bookingRules) ?? {};
  const context = { rules, appointment, now };
  return { cancel: canCancel(context), reschedule: canReschedule(context) };
}
