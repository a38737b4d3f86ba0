/**
 * The seed, indexed: clinics, treatments, practitioner roles and the offers they imply
 * (role × treatment), with lookups the FHIR handlers need. Built once per sandbox; immutable.
 * @module
 */
import { AREAS, CLINICS } from './clinics.js';
import { PRACTITIONERS } from './practitioners.js';
import { TREATMENTS } from './treatments.js';
import type { SeedArea, SeedClinic, SeedPractitioner, SeedTreatment } from './types.js';

/** One offer: what × where × who, with its display strings. */
export interface SeedOffer {
  readonly id: string;
  readonly treatment: SeedTreatment;
  readonly clinic: SeedClinic;
  readonly practitioner: SeedPractitioner;
  readonly duration: string;
  readonly price: string;
  readonly isOnline: boolean;
  readonly offlineReason?: string;
}

export interface SeedCatalog {
  readonly areas: readonly SeedArea[];
  readonly clinics: readonly SeedClinic[];
  readonly treatments: readonly SeedTreatment[];
  readonly practitioners: readonly SeedPractitioner[];
  readonly offers: readonly SeedOffer[];
  area(id: string): SeedArea | undefined;
  clinic(id: string): SeedClinic | undefined;
  treatment(id: string): SeedTreatment | undefined;
  treatmentByCode(code: string): SeedTreatment | undefined;
  practitioner(roleId: string): SeedPractitioner | undefined;
  offer(roleId: string, treatmentId: string): SeedOffer | undefined;
}

function byId<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}

/** Index the seed. Throws when the seed refers to something it does not define (a seed bug). */
export function buildCatalog(): SeedCatalog {
  const areas = byId(AREAS, (a) => a.id);
  const clinics = byId(CLINICS, (c) => c.id);
  const treatments = byId(TREATMENTS, (t) => t.id);
  const treatmentsByCode = byId(TREATMENTS, (t) => t.code);
  const practitioners = byId(PRACTITIONERS, (p) => p.roleId);
  const offers: SeedOffer[] = [];
  const offersByKey = new Map<string, SeedOffer>();
  for (const clinic of CLINICS) {
    if (!areas.has(clinic.areaId)) throw new Error(`seed: clinic ${clinic.id} names unknown area ${clinic.areaId}`);
  }
  for (const practitioner of PRACTITIONERS) {
    const clinic = clinics.get(practitioner.clinicId);
    if (clinic === undefined) throw new Error(`seed: ${practitioner.roleId} names unknown clinic`);
    for (const treatmentId of practitioner.treatments) {
      const treatment = treatments.get(treatmentId);
      if (treatment === undefined) throw new Error(`seed: ${practitioner.roleId} names unknown treatment ${treatmentId}`);
      const offer: SeedOffer = {
        id: `of-${practitioner.roleId.slice(3)}-${treatment.id.slice(3)}`,
        treatment,
        clinic,
        practitioner,
        duration: `${treatment.durationMinutes} min`,
        price: treatment.price[clinic.country],
        isOnline: practitioner.offlineReason === undefined,
        ...(practitioner.offlineReason === undefined ? {} : { offlineReason: practitioner.offlineReason }),
      };
      offers.push(offer);
      offersByKey.set(`${practitioner.roleId}|${treatment.id}`, offer);
    }
  }
  return {
    areas: AREAS,
    clinics: CLINICS,
    treatments: TREATMENTS,
    practitioners: PRACTITIONERS,
    offers,
    area: (id) => areas.get(id),
    clinic: (id) => clinics.get(id),
    treatment: (id) => treatments.get(id),
    treatmentByCode: (code) => treatmentsByCode.get(code),
    practitioner: (roleId) => practitioners.get(roleId),
    offer: (roleId, treatmentId) => offersByKey.get(`${roleId}|${treatmentId}`),
  };
}
