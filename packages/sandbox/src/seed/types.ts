/**
 * Shapes of the seeded catalog: plain data that the FHIR builders turn into ITB resources.
 * @module
 */
import type { BookingRules } from '@itb/shared';

/** A geographic grouping of clinics (LocationArea). */
export interface SeedArea {
  readonly id: string;
  readonly name: string;
  readonly country: 'SE' | 'NO';
  readonly sortKey: number;
}

/**
 * ext-booking-rules of one clinic (spec §8.2); absent fields are not sent. The scheduling-accepts
 * codes live in the clinic's characteristic ({@link SeedCharacteristic}), not in the rules extension.
 */
export type SeedBookingRules = Omit<BookingRules, 'schedulingAccepts'>;

/** wofconnect-characteristic `scheduling` group of a clinic (spec §8.4), copied onto its bookings. */
export interface SeedCharacteristic {
  readonly webReschedulingCountAllowed?: number;
  readonly minChangeHours?: number;
  readonly childPatientThreshold?: number;
  readonly schedulingAvailability?: readonly ('scheduling-accepts-new' | 'scheduling-accepts-cancellation' | 'scheduling-accepts-reschedule')[];
}

/** Local opening hours, `HH:MM`, ISO weekdays (1 = Monday). */
export interface SeedOpeningHours {
  readonly days: readonly number[];
  readonly open: string;
  readonly close: string;
}

export interface SeedClinic {
  readonly id: string;
  /** Three digits: the chair-book prefix of its slot ids. */
  readonly number: string;
  readonly name: string;
  readonly urlPlaceholder: string;
  readonly areaId: string;
  readonly country: 'SE' | 'NO';
  readonly timeZone: 'Europe/Stockholm' | 'Europe/Oslo';
  readonly street: string;
  readonly postalCode: string;
  readonly city: string;
  readonly latitude: number;
  readonly longitude: number;
  /** The WOF Portal endpoint that fronts this clinic's practice-management system. */
  readonly endpointId: string;
  readonly billing: { readonly key: string; readonly name: string };
  readonly phone: string;
  readonly opening: readonly SeedOpeningHours[];
  readonly rules: SeedBookingRules;
  readonly characteristic?: SeedCharacteristic;
  /** Set → clinicInfo.hasExternalBooking = true and a `telecom` url. */
  readonly externalBookingUrl?: string;
  readonly info: {
    readonly about: string;
    readonly directions?: string;
    readonly parking?: string;
    readonly spokenLanguages?: string;
    readonly bookingSummaryInformationText?: string;
  };
  /** Photo colour (the inline SVG). */
  readonly colour: string;
  /** True → `HealthcareService.active = false`, still returned by ITB (spec §13.29). */
  readonly inactive?: boolean;
}

export interface SeedTreatment {
  readonly id: string;
  /** The service-type code (`visit-type` on `$find`). */
  readonly code: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly description: string;
  readonly durationMinutes: number;
  readonly sortKey: number;
  readonly price: { readonly SE: string; readonly NO: string };
  readonly campaigns?: readonly string[];
  /**
   * True → left out of the offers context's included ActivityDefinitions in the live dialect, and
   * its offers carry no `visit-type` part: an offer then names it only through a `$find`
   * bookingUrl (Swedish clinics) or not at all (Norwegian ones, spec §13.32).
   */
  readonly unlisted?: boolean;
}

/** One practitioner at one clinic (a PractitionerRole) with their working week. */
export interface SeedPractitioner {
  readonly roleId: string;
  /** The practitioner's key in the clinic's PMS (same person at two clinics → two keys). */
  readonly sourceKey: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly role: 'dentist' | 'hygienist' | 'orthodontist' | 'endodontist';
  readonly clinicId: string;
  /** Treatment ids this role offers. */
  readonly treatments: readonly string[];
  /** ISO weekdays worked at this clinic. */
  readonly days: readonly number[];
  readonly start: string;
  readonly end: string;
  readonly lunch: readonly [string, string];
  /** Treatment unit (chair) number in slot ids. */
  readonly chair: number;
  readonly description: string;
  /** Set → every offer of this role is offline with this reason. */
  readonly offlineReason?: string;
}
