/**
 * Index an offers-context Bundle into a {@link Catalog}, and the lookups the booking steps need.
 * @module
 */
import type { Catalog, Clinic, Offer, Practitioner, Treatment } from './catalog-types.js';

/** Options for {@link indexOffersContext}. */
export interface IndexOptions {
  /** Time zone for clinics whose country is unknown. Default `Europe/Stockholm`. */
  readonly defaultTimeZone?: string;
}

/**
 * Index a `$get-offers-context` Bundle. Tolerates missing optional fields, unknown extensions,
 * http/https canonicals, ids with `:` and references to resources that were not included
 * (such offers are kept; their clinic/treatment/practitioner is then built from the reference display).
 * @throws {ItbDataError} code `not-a-bundle` when `bundle` is not a FHIR Bundle.
 */
export function indexOffersContext(bundle: unknown, options?: IndexOptions): Catalog {
  void bundle; void options;
  throw new Error('TODO: implemented by the shared-domain work');
}

/** Clinics sorted by area sort key, area name, then clinic name. */
export function listClinics(catalog: Catalog): Clinic[] { void catalog; throw new Error('TODO'); }
/** Treatments sorted by sort key, then title. */
export function listTreatments(catalog: Catalog): Treatment[] { void catalog; throw new Error('TODO'); }
/** Treatments with at least one offer at `clinicId` (online or not), sorted. */
export function treatmentsAtClinic(catalog: Catalog, clinicId: string): Treatment[] { void catalog; void clinicId; throw new Error('TODO'); }
/** Clinics with at least one offer of `treatmentId`, sorted. */
export function clinicsOfferingTreatment(catalog: Catalog, treatmentId: string): Clinic[] { void catalog; void treatmentId; throw new Error('TODO'); }
/** Practitioners with an offer for treatment `treatmentId` at `clinicId`, sorted by name. */
export function practitionersFor(catalog: Catalog, clinicId: string, treatmentId: string): Practitioner[] { void catalog; void clinicId; void treatmentId; throw new Error('TODO'); }
/** All offers of treatment × clinic (one per practitioner). */
export function offersFor(catalog: Catalog, clinicId: string, treatmentId: string): Offer[] { void catalog; void clinicId; void treatmentId; throw new Error('TODO'); }
/** Find a clinic by id, `urlPlaceholder` or exact name (how a CMS page preselects it). */
export function findClinic(catalog: Catalog, key: string): Clinic | undefined { void catalog; void key; throw new Error('TODO'); }
/** Find a treatment by id, code (`code` or `system|code`) or exact title. */
export function findTreatment(catalog: Catalog, key: string): Treatment | undefined { void catalog; void key; throw new Error('TODO'); }
/** Clinics whose name, city or area name contains `query` (case- and accent-insensitive). */
export function searchClinics(clinics: readonly Clinic[], query: string): Clinic[] { void clinics; void query; throw new Error('TODO'); }
/** IANA time zone from the clinic address country (SE → Europe/Stockholm, NO → Europe/Oslo, …). */
export function timeZoneForCountry(country: string | undefined, fallback: string): string { void country; void fallback; throw new Error('TODO'); }
