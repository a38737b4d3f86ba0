/**
 * Inactive clinics (`HealthcareService.active = false`) come back in live catalog answers (spec
 * §13.29). They are never offered: this removes them, their offers and their practitioners from a
 * Bundle before it is served.
 * @module
 */
import { arrayOf, isRecord } from '../fhir/extensions.js';
import { referenceId, resourceId } from '../fhir/references.js';
import type { Bundle } from '../fhir/types.js';
import { offerTarget } from './read-resources.js';

type Loose = Record<string, unknown>;

/** Ids of the clinics a Bundle itself marks inactive. */
export function inactiveClinicsIn(bundle: unknown): Set<string> {
  const ids = new Set<string>();
  if (!isRecord(bundle)) return ids;
  for (const entry of arrayOf(bundle.entry)) {
    if (!isRecord(entry) || !isRecord(entry.resource)) continue;
    const resource = entry.resource;
    const id = resource.resourceType === 'HealthcareService' && resource.active === false ? resourceId(resource, entry.fullUrl) : undefined;
    if (id !== undefined) ids.add(id);
  }
  return ids;
}

function clinicIdsOf(role: Loose): string[] {
  const services = Array.isArray(role.healthcareService) ? role.healthcareService : [role.healthcareService];
  return services.map((s) => referenceId(s, 'HealthcareService')).filter((id): id is string => id !== undefined);
}

/**
 * Does this resource belong to an inactive clinic: the clinic itself (marked, or one of `inactive`),
 * one of its offers, or a practitioner working only there.
 */
export function belongsToInactiveClinic(resource: unknown, inactive: ReadonlySet<string>, entryFullUrl?: unknown): boolean {
  if (!isRecord(resource)) return false;
  switch (resource.resourceType) {
    case 'HealthcareService': {
      const id = resourceId(resource, entryFullUrl);
      return resource.active === false || (id !== undefined && inactive.has(id));
    }
    case 'Parameters': {
      const { clinicId } = offerTarget(resource);
      return clinicId !== undefined && inactive.has(clinicId);
    }
    case 'PractitionerRole': {
      const clinics = clinicIdsOf(resource);
      return clinics.length > 0 && clinics.every((id) => inactive.has(id));
    }
    default:
      return false;
  }
}

/**
 * `bundle` without inactive clinics: those it marks `active = false` plus `alsoInactive` (e.g. from
 * the system-level catalog, for answers that carry offers but not the clinics). Returns `bundle`
 * itself when nothing is removed; otherwise a new Bundle with `total` lowered by what was removed.
 */
export function withoutInactiveClinics(bundle: Bundle, alsoInactive?: ReadonlySet<string>): Bundle {
  const inactive = inactiveClinicsIn(bundle);
  for (const id of alsoInactive ?? []) inactive.add(id);
  if (inactive.size === 0 || !Array.isArray(bundle.entry)) return bundle;
  const kept = bundle.entry.filter((entry) => !(isRecord(entry) && isRecord(entry.resource) && belongsToInactiveClinic(entry.resource, inactive, entry.fullUrl)));
  if (kept.length === bundle.entry.length) return bundle;
  // `total` may count more than the entries (paged, or every entry, spec §13.16): take off what was removed.
  return { ...bundle, entry: kept, ...(typeof bundle.total === 'number' ? { total: Math.max(0, bundle.total - (bundle.entry.length - kept.length)) } : {}) };
}
