/**
 * Reads and searches of the catalog (spec §6.1–6.5): ActivityDefinition, HealthcareService,
 * PractitionerRole (`service`), Organization (`_id`, `identifier`) and Location (`physical-type`,
 * search only). Search parameters are declared as data, like the operations'.
 * @module
 */
import type { Resource } from '@itb/shared';
import { notFound } from '../http/fhir-error.js';
import { readParameters, referenceId, single, type ParameterDefinition } from '../http/parameters.js';
import { ORGANIZATION } from '../seed/organization.js';
import { searchset } from './bundle.js';
import { buildArea, buildClinic } from './resources/clinic.js';
import { buildOrganization } from './resources/organization.js';
import { buildPractitionerRole } from './resources/practitioner-role.js';
import { buildTreatment } from './resources/treatment.js';
import type { SandboxServices } from './services.js';

export const CATALOG_SEARCH_PARAMETERS: Readonly<Record<'ActivityDefinition' | 'HealthcareService' | 'PractitionerRole' | 'Organization' | 'Location', readonly ParameterDefinition[]>> = {
  ActivityDefinition: [],
  HealthcareService: [],
  PractitionerRole: [
    { name: 'service', min: 0, max: '1', type: 'reference', targets: ['HealthcareService'], documentation: 'Roles at this clinic (PractitionerRole.healthcareService).' },
  ],
  Organization: [
    { name: '_id', min: 0, max: '1', type: 'string', documentation: 'Logical id.' },
    { name: 'identifier', min: 0, max: '1', type: 'token', documentation: '{system}|{value} of an organisation identifier.' },
    { name: '_profile', min: 0, max: '1', type: 'string', documentation: 'Allowed, not needed (spec §6.4).' },
  ],
  Location: [
    { name: 'physical-type', min: 0, max: '1', type: 'string', documentation: 'Location.physicalType code; `area` lists the areas.' },
    { name: 'physicalType', min: 0, max: '1', type: 'string', documentation: 'The spelling in older client notes (spec §13.19); same meaning.' },
  ],
};

export type CatalogType = keyof typeof CATALOG_SEARCH_PARAMETERS;

export function readCatalog(services: SandboxServices, type: Exclude<CatalogType, 'Location'>, id: string): Resource {
  const ctx = services.ctx();
  const { catalog } = services;
  let resource: Resource | undefined;
  if (type === 'ActivityDefinition') { const t = catalog.treatment(id); resource = t && buildTreatment(ctx, t); }
  if (type === 'HealthcareService') { const c = catalog.clinic(id); resource = c && buildClinic(ctx, c); }
  if (type === 'PractitionerRole') { const p = catalog.practitioner(id); resource = p && buildPractitionerRole(ctx, p); }
  if (type === 'Organization' && id === ORGANIZATION.id) resource = buildOrganization(ctx);
  if (resource === undefined) throw notFound(`${type}/${id}`);
  return resource;
}

export function searchCatalog(services: SandboxServices, type: CatalogType, query: unknown): object {
  const params = readParameters(CATALOG_SEARCH_PARAMETERS[type], query);
  const ctx = services.ctx();
  const { catalog } = services;
  let resources: Resource[] = [];
  switch (type) {
    case 'ActivityDefinition':
      resources = catalog.treatments.map((t) => buildTreatment(ctx, t));
      break;
    case 'HealthcareService':
      resources = catalog.clinics.map((c) => buildClinic(ctx, c));
      break;
    case 'PractitionerRole': {
      const service = single(params, 'service');
      const clinicId = service === undefined ? undefined : referenceId(service);
      resources = catalog.practitioners.filter((p) => clinicId === undefined || p.clinicId === clinicId).map((p) => buildPractitionerRole(ctx, p));
      break;
    }
    case 'Organization': {
      const organization = buildOrganization(ctx);
      const id = single(params, '_id');
      const identifier = single(params, 'identifier');
      const matchesIdentifier = identifier === undefined || (organization.identifier ?? []).some((i) => {
        const bar = identifier.indexOf('|');
        return bar === -1 ? i.value === identifier : i.system === identifier.slice(0, bar) && i.value === identifier.slice(bar + 1);
      });
      resources = (id === undefined || id === organization.id) && matchesIdentifier ? [organization] : [];
      break;
    }
    case 'Location': {
      // Also matches the display text ("Area"), which is all some live codings carry (spec §9.2).
      const wanted = (single(params, 'physical-type') ?? single(params, 'physicalType'))?.split('|').pop()?.toLowerCase();
      resources = wanted === undefined || wanted === 'area' ? catalog.areas.map((a) => buildArea(ctx, a)) : [];
      break;
    }
  }
  return searchset(ctx, resources);
}
