/**
 * ITB profiles as TypeScript types, narrowed from `@types/fhir` R4.
 *
 * These describe what a profile-conformant server sends. Real responses deviate (spec §13), so
 * parsing code treats every field as possibly missing and never trusts `meta.profile`.
 * @module
 */
// @types/fhir has no exports map, so under NodeNext ESM resolution the subpath needs its .js
// extension. Every other module imports FHIR types from here.
import type {
  ActivityDefinition,
  Appointment,
  Bundle,
  BundleEntry,
  HealthcareService,
  OperationOutcome,
  Parameters,
  Patient,
  PractitionerRole,
  Resource,
} from 'fhir/r4.js';

export type {
  ActivityDefinition,
  Appointment,
  AppointmentParticipant,
  Binary,
  Bundle,
  BundleEntry,
  Coding,
  Extension,
  HealthcareService,
  Identifier,
  Location,
  OperationOutcome,
  OperationOutcomeIssue,
  Organization,
  Parameters,
  ParametersParameter,
  Patient,
  PractitionerRole,
  Reference,
  Resource,
} from 'fhir/r4.js';

/** ActivityDefinitionPortal: a treatment ("what"). Booked by its `code`, not its id. */
export type ActivityDefinitionPortal = ActivityDefinition & { id: string; title: string };
/** HealthcareServicePortal: a clinic ("where"), with its address and area contained. */
export type HealthcareServicePortal = HealthcareService & { id: string };
/** PractitionerRolePortal: one practitioner at one clinic under one billing entity ("who"). */
export type PractitionerRolePortal = PractitionerRole & { id: string };
/** OfferPortal: a Parameters resource with one `offering` parameter (what × where × who). */
export type OfferPortal = Parameters;
/** PortalAvailableAppointment: one bookable time from `$find` (`status` proposed). */
export type PortalAvailableAppointment = Appointment;
/** PortalAppointment: a booking (`status` booked or cancelled). */
export type PortalAppointment = Appointment;
/** PortalPatient: the patient as known to the booking. */
export type PortalPatient = Patient;

/** BundleOffersContextPortal: offers plus the resources they reference (when included). */
export type OffersContextBundle = Bundle<OfferPortal | ActivityDefinitionPortal | HealthcareServicePortal | PractitionerRolePortal>;
/** PortalFindAppointmentBundle: available times, possibly with an OperationOutcome entry. */
export type FindBundle = Bundle<PortalAvailableAppointment | OperationOutcome>;
/** The `$book` success Bundle: one PortalAppointment and maybe an OperationOutcome with warnings. */
export type BookResultBundle = Bundle<PortalAppointment | OperationOutcome>;

/** Any FHIR resource, for code that dispatches on `resourceType`. */
export type AnyResource = Resource;
/** A Bundle entry of any resource. */
export type AnyEntry = BundleEntry<Resource>;
