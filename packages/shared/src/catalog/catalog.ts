/**
 * Index an offers-context Bundle into a {@link Catalog}, and the lookups the booking steps need.
 * @module
 */
import { ItbDataError } from '../errors.js';
import { arrayOf, isRecord } from '../fhir/extensions.js';
import { resourceId } from '../fhir/references.js';
import type { Catalog, Clinic, Offer, Practitioner, Treatment } from './catalog-types.js';
import { partialClinic, readClinic, timeZoneForCountry } from './read-clinic.js';
import { partialPractitioner, partialTreatment, readOffers, readPractitioner, readTreatment, type ReadOffer } from './read-resources.js';

export { timeZoneForCountry };

/** Options for {@link indexOffersContext}. */
export interface IndexOptions {
  /** Time zone for clinics whose country is unknown. Default `Europe/Stockholm`. */
  readonly defaultTimeZone?: string;
}

/**
 * Index a `$get-offers-context` Bundle. Tolerates missing optional fields, unknown extensions,
 * http/https canonicals, ids with `:` and references to resources that were not included
 * (such offers are kept; their clinic/treatment/practitioner is then built from the reference display
 * and marked `partial`). Resources are dispatched on `resourceType`, never on `meta.profile` (§13.17);
 * the first of two entries with the same id wins.
 * @throws {ItbDataError} code `not-a-bundle` when `bundle` is not a FHIR Bundle.
 * @example
 * const catalog = indexOffersContext(await response.json());
 * const clinics = listClinics(catalog);
 */
export function indexOffersContext(bundle: unknown, options?: IndexOptions): Catalog {
  if (!isRecord(bundle) || bundle.resourceType !== 'Bundle') {
    throw new ItbDataError('not-a-bundle', 'The offers context is not a FHIR Bundle.');
  }
  const zone = options?.defaultTimeZone ?? 'Europe/Stockholm';
  const clinics = new Map<string, Clinic>();
  const inactiveClinicIds = new Set<string>();
  const treatments = new Map<string, Treatment>();
  const practitioners = new Map<string, Practitioner>();
  const read: ReadOffer[] = [];
  for (const entry of arrayOf(bundle.entry)) {
    if (!isRecord(entry) || !isRecord(entry.resource)) continue;
    const resource = entry.resource;
    const id = resourceId(resource, entry.fullUrl);
    switch (resource.resourceType) {
      case 'Parameters':
        read.push(...readOffers(resource, id));
        break;
      case 'HealthcareService':
        // An inactive clinic is never offered (spec §13.29); remembered so it can be refused by name.
        if (id !== undefined && resource.active === false) inactiveClinicIds.add(id);
        else if (id !== undefined && !clinics.has(id)) clinics.set(id, readClinic(resource, id, zone));
        break;
      case 'ActivityDefinition':
        if (id !== undefined && !treatments.has(id)) treatments.set(id, readTreatment(resource, id));
        break;
      case 'PractitionerRole':
        if (id !== undefined && !practitioners.has(id)) practitioners.set(id, readPractitioner(resource, id));
        break;
      default:
        break;
    }
  }
  for (const id of inactiveClinicIds) clinics.delete(id);
  const told = visitTypesTold(read.map((r) => r.offer));
  const offers: Offer[] = [];
  const seen = new Set<string>();
  for (const { offer: found, displays } of read) {
    if (seen.has(found.id) || inactiveClinicIds.has(found.clinicId)) continue;
    seen.add(found.id);
    const offer = withResolvedVisitType(found, told.get(found.treatmentId) ?? treatments.get(found.treatmentId)?.visitType);
    offers.push(offer);
    if (!clinics.has(offer.clinicId)) clinics.set(offer.clinicId, partialClinic(offer.clinicId, displays.clinic, zone));
    if (!treatments.has(offer.treatmentId)) treatments.set(offer.treatmentId, partialTreatment(offer.treatmentId, displays.treatment, offer.visitType));
    if (!practitioners.has(offer.practitionerRoleId)) {
      practitioners.set(offer.practitionerRoleId, partialPractitioner(offer.practitionerRoleId, displays.practitioner, offer.clinicId));
    }
  }
  return { clinics, treatments, practitioners, offers, inactiveClinicIds };
}

/**
 * The visit-type each treatment's offers tell themselves (their live `visit-type` part or `$find`
 * bookingUrl). One treatment (ActivityDefinition id) has one code, so what one offer tells holds for
 * the same treatment's offers at other clinics, whatever their order in the Bundle.
 */
function visitTypesTold(offers: readonly Offer[]): Map<string, string> {
  const told = new Map<string, string>();
  for (const offer of offers) {
    const visitType = offer.visitType ?? visitTypeOfBookingUrl(offer.bookingUrl);
    if (visitType !== undefined && !told.has(offer.treatmentId)) told.set(offer.treatmentId, visitType);
  }
  return told;
}

/**
 * The `visit-type` a `$find` for this offer sends (spec §13.32): its live `visit-type` part, else
 * the `visit-type` of its `$find` bookingUrl, else what the treatment's other offers or the
 * treatment itself say. An offer with none of these stays without one: it is shown but cannot be
 * searched ({@link offerBookability}), never searched with an empty visit-type.
 */
function withResolvedVisitType(offer: Offer, treatmentVisitType: string | undefined): Offer {
  const visitType = offer.visitType ?? visitTypeOfBookingUrl(offer.bookingUrl) ?? (treatmentVisitType === '' ? undefined : treatmentVisitType);
  return visitType === undefined || visitType === offer.visitType ? offer : { ...offer, visitType };
}

const VISIT_TYPE = /^[^|\s]+\|[^|\s]+$/;

/** The `visit-type` query parameter of a (relative or absolute) `$find` URL, if well formed. */
export function visitTypeOfBookingUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const queryAt = url.indexOf('?');
  if (queryAt < 0 || !url.slice(0, queryAt).endsWith('$find')) return undefined;
  // Live bookingUrls are written unencoded (`visit-type=http://…|code`): split by hand, decode leniently.
  for (const pair of url.slice(queryAt + 1).split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq) !== 'visit-type') continue;
    let value = pair.slice(eq + 1);
    try {
      value = decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      // Keep the raw text: a stray '%' is not worth losing the code over.
    }
    return VISIT_TYPE.test(value) ? value : undefined;
  }
  return undefined;
}

/** Why an offer cannot be booked online, if it cannot. */
export type OfferBookability =
  | { readonly bookable: true }
  | { readonly bookable: false; readonly reason: 'offer-offline'; readonly text?: string }
  | { readonly bookable: false; readonly reason: 'treatment-unresolved' };

/** Can times be searched and booked for this offer: online (spec §11.3) and with a resolvable treatment (§13.32). */
export function offerBookability(offer: Offer): OfferBookability {
  if (!offer.isOnline) return offer.offlineReason === undefined ? { bookable: false, reason: 'offer-offline' } : { bookable: false, reason: 'offer-offline', text: offer.offlineReason };
  if (offer.visitType === undefined) return { bookable: false, reason: 'treatment-unresolved' };
  return { bookable: true };
}

/** Default collation: Swedish order (å, ä, ö after z) also reads Norwegian and Danish names sensibly. */
function collator(locale: string | undefined): Intl.Collator {
  return new Intl.Collator(locale ?? 'sv', { sensitivity: 'base', numeric: true });
}

const bySortKey = (a: number | undefined, b: number | undefined) => (a ?? Number.POSITIVE_INFINITY) - (b ?? Number.POSITIVE_INFINITY) || 0;

function sortClinics(clinics: Iterable<Clinic>, locale?: string): Clinic[] {
  const compare = collator(locale).compare;
  return [...clinics].sort((a, b) =>
    bySortKey(a.area?.sortKey, b.area?.sortKey)
    || Number(a.area === undefined) - Number(b.area === undefined)
    || compare(a.area?.name ?? '', b.area?.name ?? '')
    || compare(a.name, b.name)
    || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function sortTreatments(treatments: Iterable<Treatment>, locale?: string): Treatment[] {
  const compare = collator(locale).compare;
  return [...treatments].sort((a, b) => bySortKey(a.sortKey, b.sortKey) || compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Clinics sorted by area sort key, area name, then clinic name (clinics without an area last). */
export function listClinics(catalog: Catalog, locale?: string): Clinic[] {
  return sortClinics(catalog.clinics.values(), locale);
}

/** Treatments sorted by sort key, then title. */
export function listTreatments(catalog: Catalog, locale?: string): Treatment[] {
  return sortTreatments(catalog.treatments.values(), locale);
}

/** Treatments with at least one offer at `clinicId` (online or not), sorted. */
export function treatmentsAtClinic(catalog: Catalog, clinicId: string, locale?: string): Treatment[] {
  const ids = new Set(catalog.offers.filter((o) => o.clinicId === clinicId).map((o) => o.treatmentId));
  return sortTreatments([...ids].map((id) => catalog.treatments.get(id)).filter((t): t is Treatment => t !== undefined), locale);
}

/** Clinics with at least one offer of `treatmentId`, sorted. */
export function clinicsOfferingTreatment(catalog: Catalog, treatmentId: string, locale?: string): Clinic[] {
  const ids = new Set(catalog.offers.filter((o) => o.treatmentId === treatmentId).map((o) => o.clinicId));
  return sortClinics([...ids].map((id) => catalog.clinics.get(id)).filter((c): c is Clinic => c !== undefined), locale);
}

/** Practitioners with an offer for treatment `treatmentId` at `clinicId`, sorted by name. */
export function practitionersFor(catalog: Catalog, clinicId: string, treatmentId: string, locale?: string): Practitioner[] {
  const compare = collator(locale).compare;
  const ids = new Set(offersFor(catalog, clinicId, treatmentId).map((o) => o.practitionerRoleId));
  return [...ids]
    .map((id) => catalog.practitioners.get(id))
    .filter((p): p is Practitioner => p !== undefined)
    .sort((a, b) => compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** All offers of treatment × clinic (one per practitioner), in Bundle order. */
export function offersFor(catalog: Catalog, clinicId: string, treatmentId: string): Offer[] {
  return catalog.offers.filter((o) => o.clinicId === clinicId && o.treatmentId === treatmentId);
}

const fold = (text: string) => normalizeForSearch(text.trim());

/** Find a clinic by id, `urlPlaceholder` or name (exact first, then case- and accent-insensitive). */
export function findClinic(catalog: Catalog, key: string): Clinic | undefined {
  if (typeof key !== 'string' || key.trim() === '') return undefined;
  const direct = catalog.clinics.get(key);
  if (direct !== undefined) return direct;
  const clinics = listClinics(catalog);
  return clinics.find((c) => c.info.urlPlaceholder === key)
    ?? clinics.find((c) => c.name === key)
    ?? clinics.find((c) => c.info.urlPlaceholder !== '' && fold(c.info.urlPlaceholder) === fold(key))
    ?? clinics.find((c) => fold(c.name) === fold(key));
}

/** Find a treatment by id, code (`code` or `system|code`) or title (exact first, then case- and accent-insensitive). */
export function findTreatment(catalog: Catalog, key: string): Treatment | undefined {
  if (typeof key !== 'string' || key.trim() === '') return undefined;
  const direct = catalog.treatments.get(key);
  if (direct !== undefined) return direct;
  const treatments = listTreatments(catalog);
  return treatments.find((t) => t.visitType !== '' && t.visitType === key)
    ?? treatments.find((t) => t.code.code !== '' && t.code.code === key)
    ?? treatments.find((t) => t.title === key)
    ?? treatments.find((t) => fold(t.title) === fold(key));
}

// Letters NFD does not decompose but Nordic users type without (Oslo's "Bjørvika" as "bjorvika").
const FOLDS: Readonly<Record<string, string>> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ł: 'l', ð: 'd', þ: 'th' };

/** Lower-case, strip accents and fold Nordic letters, for case- and accent-insensitive matching. */
export function normalizeForSearch(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[øæœßđłðþ]/g, (ch) => FOLDS[ch] ?? ch);
}

/**
 * Clinics whose name, city or area name contain every word of `query` (case- and accent-insensitive),
 * in the given order. An empty query returns every clinic.
 */
export function searchClinics(clinics: readonly Clinic[], query: string): Clinic[] {
  const words = normalizeForSearch(String(query)).split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [...clinics];
  return clinics.filter((c) => {
    const haystack = normalizeForSearch([c.name, c.address?.city ?? '', c.area?.name ?? ''].join(' '));
    return words.every((w) => haystack.includes(w));
  });
}
