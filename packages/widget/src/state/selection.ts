/**
 * Views the steps derive from a snapshot. Thin wrappers: the domain rules themselves live in
 * `@itb/shared`; this only decides what to ask it for given the current choices.
 * @module
 */
import {
  canCancel, canReschedule, clinicsOfferingTreatment, offerBookability, participantId, listClinics, listTreatments, offersFor, practitionersFor, treatmentsAtClinic,
} from '@itb/shared';
import type { Appointment, Catalog, Clinic, Offer, OfferBookability, Practitioner, RuleDecision, Treatment } from '@itb/shared';
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

const BOOKABLE: OfferBookability = { bookable: true };

function isBookable(offer: Offer): boolean {
  return offerBookability(offer).bookable;
}

/**
 * The one rule for showing offers as choosable: bookable when any of them is (an empty set too, as
 * nothing then speaks against it); otherwise why not, an offline reason with its clinic's text first
 * (§11.3: the whole endpoint is usually down, and its text says more than ours).
 */
function bookabilityOf(offers: readonly Offer[]): OfferBookability {
  const decisions = offers.map(offerBookability);
  if (decisions.length === 0 || decisions.some((d) => d.bookable)) return BOOKABLE;
  return decisions.find((d) => !d.bookable && d.reason === 'offer-offline' && d.text !== undefined) ?? decisions[0]!;
}

/**
 * Can this treatment be chosen? Before a clinic is, yes: the clinic list then narrows to the clinics
 * offering it. At a clinic, when one of its offers there is bookable.
 */
export function treatmentBookability(catalog: Catalog, clinicId: string | undefined, treatmentId: string): OfferBookability {
  return clinicId === undefined ? BOOKABLE : bookabilityOf(offersFor(catalog, clinicId, treatmentId));
}

/** Can this practitioner be chosen for the treatment at the clinic: when their offer there is bookable. */
export function practitionerBookability(catalog: Catalog, clinicId: string, treatmentId: string, practitionerRoleId: string): OfferBookability {
  return bookabilityOf(offersFor(catalog, clinicId, treatmentId).filter((o) => o.practitionerRoleId === practitionerRoleId));
}

export interface PractitionerChoice {
  readonly practitioner: Practitioner;
  readonly bookability: OfferBookability;
}

export function practitionerChoices(s: BookingSnapshot): PractitionerChoice[] {
  const { catalog, clinicId, treatmentId } = s;
  if (catalog === undefined || clinicId === undefined || treatmentId === undefined) return [];
  return practitionersFor(catalog, clinicId, treatmentId)
    .map((practitioner) => ({ practitioner, bookability: practitionerBookability(catalog, clinicId, treatmentId, practitioner.id) }));
}

/**
 * Is the practitioner step nothing to choose? With exactly one practitioner, and bookable, "any" and
 * that one are the same times, so the journey goes straight to them (one tap fewer). A second one
 * that cannot be booked online still shows the step: it says why, and how to reach the clinic.
 */
export function skipsPractitionerStep(s: BookingSnapshot): boolean {
  const choices = practitionerChoices(s);
  return choices.length === 1 && choices[0]!.bookability.bookable;
}

/** The offer that shows price and duration: the first bookable one, else the first. */
export function describingOffer(offers: readonly Offer[]): Offer | undefined {
  return offers.find(isBookable) ?? offers[0];
}

/** The offer that describes what is booked (price, duration): the chosen practitioner's, else the first bookable one. */
export function displayOffer(s: BookingSnapshot, practitionerRoleId?: string): Offer | undefined {
  const offers = currentOffers(s);
  return offers.find((o) => o.practitionerRoleId === (practitionerRoleId ?? s.practitionerId)) ?? describingOffer(offers);
}

/**
 * The visit-type to search times with: that of the offer describing the choice, when it is bookable.
 * `undefined` otherwise, and then nothing is searched: an unresolved offer has no visit-type to send
 * (spec §13.32; an empty one would search for nothing), and an offline one would only be refused.
 */
export function searchVisitType(s: BookingSnapshot): string | undefined {
  const offer = displayOffer(s);
  return offer !== undefined && isBookable(offer) ? offer.visitType : undefined;
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
