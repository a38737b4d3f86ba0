/**
 * What to ask for, chosen from the catalog the sandbox serves (indexed with @itb/shared, as the widget
 * does), so the bench follows the seed instead of hard-coding it: bookable practitioners (online
 * offers at active clinics that take bookings here), treatments that need no campaign code, and
 * week windows in the clinics' time zone.
 * @module
 */
import { indexOffersContext, offerBookability } from '@itb/shared';
import { INCLUDE_ALL } from '../figures/catalog.js';
import { requestJson } from './load.js';

export async function loadCatalog(sandbox, token) {
  const bundle = await requestJson(`${sandbox.fhirBase}/$get-offers-context?${INCLUDE_ALL}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' },
  });
  return indexOffersContext(bundle);
}

/**
 * Offers a patient can book here (online, treatment resolvable): active clinic without external booking, treatment without
 * campaign tags, and none of the age-restricted child treatments (adults book in the bench).
 */
export function bookableOffers(catalog) {
  return catalog.offers.filter((offer) => {
    const clinic = catalog.clinics.get(offer.clinicId);
    const treatment = catalog.treatments.get(offer.treatmentId);
    const practitioner = catalog.practitioners.get(offer.practitionerRoleId);
    // Bookable: online and with a treatment its offer can name for `$find` (@itb/shared's one rule).
    return offerBookability(offer).bookable && clinic !== undefined && clinic.active && !clinic.info.hasExternalBooking
      && treatment !== undefined && treatment.campaigns.length === 0 && !/child|barn/i.test(`${treatment.id} ${treatment.title}`)
      && practitioner !== undefined && practitioner.active;
  });
}

/** `YYYY-MM-DD` of the Monday `weeksAhead` weeks after the current week's Monday (UTC dates). */
export function mondayIso(weeksAhead, now = new Date()) {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const back = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - back + 7 * weeksAhead);
  return d.toISOString().slice(0, 10);
}

function addDaysIso(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * A `$find` window of `days` days from local midnight of `dayIso` (Central European winter time: every
 * seeded clinic is in Sweden or Norway, and the bench runs in November).
 */
export function window(dayIso, days = 7) {
  return { start: `${dayIso}T00:00:00+01:00`, end: `${addDaysIso(dayIso, days)}T00:00:00+01:00` };
}

export { addDaysIso };

/** The `$find` query string for one practitioner at its clinic (what the BFF sends upstream). */
export function findQuery({ start, end, visitType, clinicId, practitionerRoleIds = [] }) {
  const params = new URLSearchParams({ start, end });
  if (visitType !== undefined) params.set('visit-type', visitType);
  if (clinicId !== undefined) params.set('healthcareService', `HealthcareService/${clinicId}`);
  for (const id of practitionerRoleIds) params.append('practitionerRole', `PractitionerRole/${id}`);
  return params.toString();
}
