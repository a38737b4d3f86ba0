/**
 * Turning the `clinic`, `treatment` and `practitioner` attributes (ids, URL placeholders, codes or
 * names, as a CMS page sets them) into choices, with a message for each that matches nothing.
 * @module
 */
import { findClinic, findTreatment, practitionersFor } from '@itb/shared';
import type { Catalog } from '@itb/shared';
import type { Translation } from '../locales/translation.js';

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

export function resolvePreselection(catalog: Catalog, keys: PreselectKeys, t: Translation): Preselection {
  const errors: string[] = [];
  const clinicId = keys.clinic === undefined ? undefined : findClinic(catalog, keys.clinic)?.id;
  if (keys.clinic !== undefined && clinicId === undefined) errors.push(t.config.unknownClinic(keys.clinic));
  const treatmentId = keys.treatment === undefined ? undefined : findTreatment(catalog, keys.treatment)?.id;
  if (keys.treatment !== undefined && treatmentId === undefined) errors.push(t.config.unknownTreatment(keys.treatment));
  let practitionerId: string | undefined;
  if (keys.practitioner !== undefined && clinicId !== undefined && treatmentId !== undefined) {
    const key = keys.practitioner;
    practitionerId = practitionersFor(catalog, clinicId, treatmentId).find((p) => p.id === key || p.name === key)?.id;
    if (practitionerId === undefined) errors.push(t.config.unknownPractitioner(key));
  }
  return {
    errors,
    ...(clinicId === undefined ? {} : { clinicId }),
    ...(treatmentId === undefined ? {} : { treatmentId }),
    ...(practitionerId === undefined ? {} : { practitionerId }),
  };
}
