/**
 * Turning the `clinic`, `treatment` and `practitioner` attributes (ids, URL placeholders, codes or
 * names, as a CMS page sets them) into choices, with a message for each that matches nothing.
 * Inactive clinics are not in the catalog (spec §13.29), so naming one reads as an unknown clinic.
 * @module
 */
import { findClinic, findTreatment, practitionersFor } from '@itb/shared';
import type { Catalog } from '@itb/shared';
import type { Translation } from '../locales/translation.js';
import { practitionerBookability, treatmentBookability } from './selection.js';

export interface PreselectKeys {
  readonly clinic: string | undefined;
  readonly treatment: string | undefined;
  readonly practitioner: string | undefined;
}

export interface Preselection {
  readonly clinicId?: string;
  readonly treatmentId?: string;
  readonly practitionerId?: string;
  /** Translated messages for keys that match nothing. */
  readonly errors: readonly string[];
}

/**
 * A treatment or practitioner that matches but cannot be booked is left unchosen without a message:
 * its card already says why, and choosing it would only start a search that cannot succeed.
 */
export function resolvePreselection(catalog: Catalog, keys: PreselectKeys, t: Translation): Preselection {
  const errors: string[] = [];
  const clinicId = keys.clinic === undefined ? undefined : findClinic(catalog, keys.clinic)?.id;
  if (keys.clinic !== undefined && clinicId === undefined) errors.push(t.config.unknownClinic(keys.clinic));
  const matchedTreatmentId = keys.treatment === undefined ? undefined : findTreatment(catalog, keys.treatment)?.id;
  if (keys.treatment !== undefined && matchedTreatmentId === undefined) errors.push(t.config.unknownTreatment(keys.treatment));
  const treatmentId = matchedTreatmentId !== undefined && treatmentBookability(catalog, clinicId, matchedTreatmentId).bookable ? matchedTreatmentId : undefined;
  let practitionerId: string | undefined;
  if (keys.practitioner !== undefined && clinicId !== undefined && treatmentId !== undefined) {
    const key = keys.practitioner;
    const matched = practitionersFor(catalog, clinicId, treatmentId).find((p) => p.id === key || p.name === key);
    if (matched === undefined) errors.push(t.config.unknownPractitioner(key));
    else if (practitionerBookability(catalog, clinicId, treatmentId, matched.id).bookable) practitionerId = matched.id;
  }
  return {
    errors,
    ...(clinicId === undefined ? {} : { clinicId }),
    ...(treatmentId === undefined ? {} : { treatmentId }),
    ...(practitionerId === undefined ? {} : { practitionerId }),
  };
}
