/**
 * The booking catalog: what an offers-context Bundle says, indexed for choosing clinic, treatment
 * and practitioner. Plain readonly data, so it crosses the widget's context boundary unchanged.
 * @module
 */
import type { BookingRules } from '../rules/booking-rules.js';

/** A geographic grouping of clinics (LocationArea). */
export interface Area {
  readonly id: string;
  readonly name: string;
  readonly sortKey?: number;
}

/** Patient-facing clinic information (ext-clinic-info, spec §8.1). */
export interface ClinicInfo {
  readonly directions?: string;
  readonly parking?: string;
  readonly about?: string;
  readonly spokenLanguages?: string;
  /** May contain HTML in live data: render as text or sanitise. */
  readonly bookingSummaryText?: string;
  readonly hasExternalBooking: boolean;
  readonly urlPlaceholder: string;
}

/** Opening hours as given (local clinic time); not availability. */
export interface OpeningHours {
  readonly daysOfWeek: readonly string[];
  readonly allDay: boolean;
  readonly opens?: string;
  readonly closes?: string;
}

/** A clinic (HealthcareServicePortal). */
export interface Clinic {
  readonly id: string;
  readonly name: string;
  readonly active: boolean;
  readonly address?: { readonly text?: string; readonly lines: readonly string[]; readonly postalCode?: string; readonly city?: string; readonly country?: string };
  readonly position?: { readonly latitude: number; readonly longitude: number };
  readonly area?: Area;
  readonly phone?: string;
  readonly email?: string;
  /** The owning organisation's web site (http(s) only): the last way to reach a clinic with no phone or e-mail. */
  readonly website?: string;
  /** The photo: the BFF's image URL (http(s)), or a `data:` URL from an upstream inline photo. */
  readonly photo?: string;
  readonly info: ClinicInfo;
  readonly bookingRules: BookingRules;
  /** Where patients book a clinic with external booking (telecom system=url, lowest rank; spec §11.2). */
  readonly externalBookingUrl?: string;
  readonly openingHours: readonly OpeningHours[];
  /** IANA time zone the clinic's times are shown in. */
  readonly timeZone: string;
  /** May the booking confirmation show the price (OrganizationSettings `showPricesAtBookingConfirmation`, spec §8.8)? */
  readonly priceAtConfirmation: boolean;
  /** True when the clinic was not in the Bundle and this entry was built from an offer's reference display. */
  readonly partial?: boolean;
}

/** A treatment (ActivityDefinitionPortal). */
export interface Treatment {
  readonly id: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly description?: string;
  readonly code: { readonly system: string; readonly code: string };
  /** `{system}|{code}`: what `$find`'s `visit-type` takes, passed through unchanged (spec §9.6). */
  readonly visitType: string;
  readonly sortKey?: number;
  /** Campaign codes this treatment belongs to (ext-campaigns, spec §8.11). */
  readonly campaigns: readonly string[];
  /** True when built from an offer's reference display (code then from its `visit-type` part, if any). */
  readonly partial?: boolean;
}

/** A practitioner at one clinic (PractitionerRolePortal). */
export interface Practitioner {
  /** The PractitionerRole id. */
  readonly id: string;
  readonly name: string;
  /** Role texts, e.g. "Tandläkare". */
  readonly roles: readonly string[];
  readonly description?: string;
  /** The photo: the BFF's image URL (http(s)), or a `data:` URL from an upstream contained Binary. */
  readonly photo?: string;
  readonly clinicId?: string;
  readonly active: boolean;
  /** True when built from an offer's reference display. */
  readonly partial?: boolean;
}

/** An offer: treatment × clinic × practitioner with display settings (OfferPortal). */
export interface Offer {
  readonly id: string;
  readonly treatmentId: string;
  readonly clinicId: string;
  readonly practitionerRoleId: string;
  /** Display strings; never compute with them (spec §11.7). */
  readonly duration?: string;
  readonly price?: string;
  readonly bookingUrl?: string;
  readonly isOnline: boolean;
  readonly offlineReason?: string;
  /**
   * `{system}|{code}` for `$find`: the live `visit-type` part, else the bookingUrl's, else the
   * treatment's code. Absent when the offer names no resolvable treatment (spec §13.32).
   */
  readonly visitType?: string;
  /** The live `practitioner` part: the source-system practitioner key (spec §7.6). */
  readonly practitionerKey?: string;
  /** The live `organization` part: the source-system billing-entity key (spec §7.6). */
  readonly organizationKey?: string;
}

/** Everything the booking steps choose from. */
export interface Catalog {
  readonly clinics: ReadonlyMap<string, Clinic>;
  readonly treatments: ReadonlyMap<string, Treatment>;
  readonly practitioners: ReadonlyMap<string, Practitioner>;
  readonly offers: readonly Offer[];
  /**
   * Clinics the Bundle marks `active = false`: left out of `clinics` and `offers` (so their
   * practitioners are never listed), known only to refuse them by name (spec §13.29).
   */
  readonly inactiveClinicIds: ReadonlySet<string>;
}
