/**
 * `$get-offers-context` (spec §5.1) at system level and on one treatment, clinic or practitioner
 * role. Offers first, then each referenced resource once if its include flag is true; `total`
 * counts every entry, as live ITB does (§13.16).
 * @module
 */
import { PROFILE, type Resource } from '@itb/shared';
import type { SeedOffer } from '../seed/catalog.js';
import { notFound } from '../http/fhir-error.js';
import { readParameters, single, type ParameterDefinition } from '../http/parameters.js';
import { searchset } from './bundle.js';
import { buildClinic } from './resources/clinic.js';
import { buildOffer } from './resources/offer.js';
import { buildPractitionerRole } from './resources/practitioner-role.js';
import { buildTreatment } from './resources/treatment.js';
import type { SandboxServices } from './services.js';

export const OFFERS_CONTEXT_PARAMETERS: readonly ParameterDefinition[] = [
  { name: 'includeActivityDefinitionPortal', min: 0, max: '1', type: 'boolean', documentation: 'Add the referenced ActivityDefinitionPortal resources.' },
  { name: 'includeHealthcareServicePortal', min: 0, max: '1', type: 'boolean', documentation: 'Add the referenced HealthcareServicePortal resources.' },
  { name: 'includePractitionerRolePortal', min: 0, max: '1', type: 'boolean', documentation: 'Add the referenced PractitionerRolePortal resources.' },
];

/** The instance levels of the operation. */
export const OFFERS_CONTEXT_TYPES = ['ActivityDefinition', 'HealthcareService', 'PractitionerRole'] as const;
export type OffersContextType = (typeof OFFERS_CONTEXT_TYPES)[number];

export function offersContext(
  services: SandboxServices,
  target: { type: OffersContextType; id: string } | undefined,
  query: unknown,
  body: unknown,
): object {
  const params = readParameters(OFFERS_CONTEXT_PARAMETERS, query, body);
  const { catalog } = services;
  const ctx = services.ctx();
  let offers: readonly SeedOffer[] = catalog.offers;
  if (target !== undefined) {
    const exists = target.type === 'ActivityDefinition' ? catalog.treatment(target.id) : target.type === 'HealthcareService' ? catalog.clinic(target.id) : catalog.practitioner(target.id);
    if (exists === undefined) throw notFound(`${target.type}/${target.id}`);
    offers = offers.filter((offer) =>
      target.type === 'ActivityDefinition' ? offer.treatment.id === target.id
        : target.type === 'HealthcareService' ? offer.clinic.id === target.id
          : offer.practitioner.roleId === target.id);
  }
  const now = services.runtime.now();
  const resources: Resource[] = offers.map((offer) => buildOffer(ctx, offer, now));
  const includeOnce = <T extends { id: string }>(flag: string, items: readonly T[], build: (item: T) => Resource) => {
    if (single(params, flag) !== 'true') return;
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      resources.push(build(item));
    }
  };
  // Live answers can lack a referenced treatment even with the include flag (spec §13.32).
  includeOnce('includeActivityDefinitionPortal', offers.map((o) => o.treatment).filter((t) => ctx.strict || t.unlisted !== true), (t) => buildTreatment(ctx, t));
  includeOnce('includeHealthcareServicePortal', offers.map((o) => o.clinic), (c) => buildClinic(ctx, c));
  includeOnce('includePractitionerRolePortal', offers.map((o) => ({ id: o.practitioner.roleId, practitioner: o.practitioner })), (p) => buildPractitionerRole(ctx, p.practitioner));
  return searchset(ctx, resources, { profile: PROFILE.offersBundle });
}
