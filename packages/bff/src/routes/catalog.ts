/**
 * Catalog routes (system token, cached): `$get-offers-context` at system and instance level,
 * HealthcareService, PractitionerRole and ActivityDefinition reads and searches. Campaign-tagged
 * treatments and their offers are left out unless the request presents a valid `?campaign=` code;
 * inactive clinics, their offers and practitioners are never served (spec §13.29): a read of one
 * answers like a missing resource.
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CAMPAIGN_PARAM, belongsToInactiveClinic, parseElements, subsetBundle, filterCampaignOffers, withoutInactiveClinics, type Bundle } from '@itb/shared';
import { appliedCampaignCodes, isTreatmentVisible, unlockKey, unlockedTags, withCampaignTreatmentUrns, type UnlockedTag } from '../campaigns/campaign-unlock.js';
import { OutcomeError } from '../errors.js';
import { createFhirRenderer, sendCached } from '../fhir/fhir-render.js';
import { rateLimitPerMinute } from '../plugins/security.js';
import { elementsParam, fhirId, referenceTo } from '../fhir/schemas.js';
import { BOOLEAN_VALUES, CODE_VALUES, STRING_VALUES, acceptFhirJsonBodies, createParametersReader, parametersBody, type OperationParameters } from '../fhir/parameters-body.js';
import { pageOf, pagingParams } from '../fhir/paging.js';
import { parameterNamesOf, renderSearch, searchOf, unknownQueryParameters, type SearchAnswer } from '../fhir/search-honesty.js';

const flag = z.enum(['true', 'false'], { error: "must be 'true' or 'false'" }).optional();
// Any campaign value is accepted: an invalid one simply unlocks nothing.
const campaign = { [CAMPAIGN_PARAM]: z.union([z.string(), z.array(z.string())]).optional() };
const offersQuery = z.object({
  includeActivityDefinitionPortal: flag,
  includeHealthcareServicePortal: flag,
  includePractitionerRolePortal: flag,
  ...campaign,
  _elements: elementsParam,
});
const campaignQuery = z.object(campaign);
const idParams = z.object({ id: fhirId });
const clinicSearch = z.object(pagingParams);
const practitionerSearch = z.object({
  service: referenceTo('HealthcareService').optional(),
  ...pagingParams,
});
const treatmentSearch = z.object({ ...campaign, ...pagingParams });

/** `$get-offers-context` by POST: each GET parameter, with the R4 value types that may carry it. */
export const OFFERS_CONTEXT_PARAMETERS: OperationParameters = {
  includeActivityDefinitionPortal: BOOLEAN_VALUES,
  includeHealthcareServicePortal: BOOLEAN_VALUES,
  includePractitionerRolePortal: BOOLEAN_VALUES,
  [CAMPAIGN_PARAM]: CODE_VALUES,
  _elements: STRING_VALUES,
};

type OffersQuery = z.infer<typeof offersQuery>;

function isAd(entry: unknown): boolean {
  return (entry as { resource?: { resourceType?: unknown } })?.resource?.resourceType === 'ActivityDefinition';
}

function withEntries(bundle: Bundle, entries: readonly unknown[]): Bundle {
  return { ...bundle, entry: entries as Bundle['entry'], total: entries.length };
}

/** Catalog route group; register under the app root. */
export async function catalogRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const renderer = createFhirRenderer(app.publicLinks);
  const staleSeconds = app.config.catalogTtlSeconds;
  // Anonymous routes: a per-client limit keeps one address from driving ITB through cache misses.
  const catalogLimit = rateLimitPerMinute(app.config.rateLimitCatalogPerMinute);
  const fhirBase = `${app.config.publicUrl}/fhir`;
  acceptFhirJsonBodies(app);

  const unlockedFor = (request: FastifyRequest): UnlockedTag[] =>
    unlockedTags(app.config.campaigns, (request.query as Record<string, unknown>)[CAMPAIGN_PARAM], app.now());

  /**
   * Inactive clinics as the system catalog knows them, with a memo key. Answers that carry offers
   * or practitioners but not the clinics themselves need this list to leave them out.
   */
  async function inactiveClinics(): Promise<{ ids: ReadonlySet<string>; key: string }> {
    const ids = (await app.catalogSource.systemCatalog()).catalog.inactiveClinicIds;
    return { ids, key: [...ids].sort().join(',') };
  }

  /** Offers context: always fetched with treatments included, so campaign tags are known to the filter. */
  async function offersContext(request: FastifyRequest, reply: FastifyReply, path: string, query: OffersQuery): Promise<FastifyReply> {
    const upstreamQuery: Record<string, string> = { includeActivityDefinitionPortal: 'true' };
    if (query.includeHealthcareServicePortal !== undefined) upstreamQuery['includeHealthcareServicePortal'] = query.includeHealthcareServicePortal;
    if (query.includePractitionerRolePortal !== undefined) upstreamQuery['includePractitionerRolePortal'] = query.includePractitionerRolePortal;
    const [read, inactive] = await Promise.all([app.catalogSource.read(path, upstreamQuery), inactiveClinics()]);
    const unlocked = unlockedTags(app.config.campaigns, query[CAMPAIGN_PARAM], app.now());
    const keepTreatments = query.includeActivityDefinitionPortal === 'true';
    const elements = parseElements(query._elements);
    const rendered = renderer.render(read.body as object, `${unlockKey(unlocked)}|${keepTreatments}|${inactive.key}|${elements?.key ?? ''}`, () => {
      // Photos leave as links to /photos, not base64 (plugins/photos.ts).
      const filtered = withCampaignTreatmentUrns(filterCampaignOffers(withoutInactiveClinics(app.photos.linked(read.body) as Bundle, inactive.ids), unlocked), app.publicLinks.urn);
      return subsetBundle(keepTreatments ? filtered : withEntries(filtered, (filtered.entry ?? []).filter((e) => !isAd(e))), elements);
    });
    return sendCached(request, reply, rendered, read.maxAgeSeconds, staleSeconds);
  }

  const offersNames = new Set(parameterNamesOf(offersQuery));
  const offersBody = createParametersReader('$get-offers-context', offersQuery, OFFERS_CONTEXT_PARAMETERS);
  // By POST it changes nothing either: no CSRF header, but JSON only (plugins/security.ts).
  const offersPost = { ...catalogLimit, csrfExemptReadOnlyJson: true };
  typed.get('/fhir/$get-offers-context', { config: catalogLimit, schema: { querystring: offersQuery } }, (request, reply) => {
    unknownQueryParameters(request, offersNames);
    return offersContext(request, reply, '$get-offers-context', request.query);
  });
  typed.post('/fhir/$get-offers-context', { config: offersPost, schema: { body: parametersBody } }, (request, reply) => {
    unknownQueryParameters(request);
    return offersContext(request, reply, '$get-offers-context', offersBody.read(request.body).query);
  });
  for (const type of ['ActivityDefinition', 'HealthcareService', 'PractitionerRole'] as const) {
    typed.get(`/fhir/${type}/:id/$get-offers-context`, { config: catalogLimit, schema: { params: idParams, querystring: offersQuery } }, (request, reply) => {
      unknownQueryParameters(request, offersNames);
      return offersContext(request, reply, `${type}/${request.params.id}/$get-offers-context`, request.query);
    });
    typed.post(`/fhir/${type}/:id/$get-offers-context`, { config: offersPost, schema: { params: idParams, body: parametersBody } }, (request, reply) => {
      unknownQueryParameters(request);
      return offersContext(request, reply, `${type}/${request.params.id}/$get-offers-context`, offersBody.read(request.body).query);
    });
  }

  /** Clinic and practitioner reads and searches: passed through (cached), inactive clinics left out. */
  async function passThrough(request: FastifyRequest, reply: FastifyReply, path: string, query: Record<string, string> = {}): Promise<FastifyReply> {
    const [read, inactive] = await Promise.all([app.catalogSource.read(path, query), inactiveClinics()]);
    if (belongsToInactiveClinic(read.body, inactive.ids)) throw new OutcomeError('not-found', 'The requested resource does not exist.');
    const rendered = renderer.render(read.body as object, inactive.key, () => withoutInactiveClinics(app.photos.linked(read.body) as Bundle, inactive.ids));
    return sendCached(request, reply, rendered, read.maxAgeSeconds, staleSeconds);
  }

  /** Clinic and practitioner searches: as passThrough, then paged and linked (search-honesty.ts). */
  async function searchThrough(request: FastifyRequest, reply: FastifyReply, search: SearchAnswer, type: string, query: Record<string, string> = {}): Promise<FastifyReply> {
    const [read, inactive] = await Promise.all([app.catalogSource.read(type, query), inactiveClinics()]);
    const rendered = renderSearch(renderer, read.body as object, inactive.key, () => withoutInactiveClinics(app.photos.linked(read.body) as Bundle, inactive.ids), search);
    return sendCached(request, reply, rendered, read.maxAgeSeconds, staleSeconds);
  }

  typed.get('/fhir/HealthcareService', { config: catalogLimit, schema: { querystring: clinicSearch } },
    (request, reply) => searchThrough(request, reply, searchOf(request, `${fhirBase}/HealthcareService`, clinicSearch, pageOf(request.query)), 'HealthcareService'));
  typed.get('/fhir/HealthcareService/:id', { config: catalogLimit, schema: { params: idParams } },
    (request, reply) => passThrough(request, reply, `HealthcareService/${request.params.id}`));
  typed.get('/fhir/PractitionerRole', { config: catalogLimit, schema: { querystring: practitionerSearch } },
    (request, reply) => searchThrough(request, reply, searchOf(request, `${fhirBase}/PractitionerRole`, practitionerSearch, pageOf(request.query)),
      'PractitionerRole', request.query.service === undefined ? {} : { service: `HealthcareService/${request.query.service}` }));
  typed.get('/fhir/PractitionerRole/:id', { config: catalogLimit, schema: { params: idParams } },
    (request, reply) => passThrough(request, reply, `PractitionerRole/${request.params.id}`));

  typed.get('/fhir/ActivityDefinition', { config: catalogLimit, schema: { querystring: treatmentSearch } }, async (request, reply) => {
    // An invalid code unlocks nothing, so the self link leaves it out (and the cache needs no variant for it).
    const keep = (name: string, values: readonly string[]) => (name === CAMPAIGN_PARAM ? appliedCampaignCodes(app.config.campaigns, values, app.now()) : values);
    const search = searchOf(request, `${fhirBase}/ActivityDefinition`, treatmentSearch, pageOf(request.query), { keep });
    const read = await app.catalogSource.read('ActivityDefinition');
    const unlocked = unlockedFor(request);
    const rendered = renderSearch(renderer, read.body as object, unlockKey(unlocked), () => {
      const bundle = read.body as Bundle;
      return withCampaignTreatmentUrns(withEntries(bundle, (bundle.entry ?? []).filter((e) => e.search?.mode === 'outcome' || isTreatmentVisible(e.resource, unlocked))), app.publicLinks.urn);
    }, search);
    return sendCached(request, reply, rendered, read.maxAgeSeconds, staleSeconds);
  });
  typed.get('/fhir/ActivityDefinition/:id', { config: catalogLimit, schema: { params: idParams, querystring: campaignQuery } }, async (request, reply) => {
    const read = await app.catalogSource.read(`ActivityDefinition/${request.params.id}`);
    // A hidden campaign treatment is indistinguishable from a missing one.
    if (!isTreatmentVisible(read.body, unlockedFor(request))) throw new OutcomeError('not-found', 'The requested resource does not exist.');
    const rendered = renderer.render(read.body as object, '', () => read.body);
    return sendCached(request, reply, rendered, read.maxAgeSeconds, staleSeconds);
  });
}
