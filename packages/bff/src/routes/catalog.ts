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
import { isTreatmentVisible, unlockKey, unlockedTags, withCampaignTreatmentUrns, type UnlockedTag } from '../campaigns/campaign-unlock.js';
import { OutcomeError } from '../errors.js';
import { createFhirRenderer, sendCached } from '../fhir/fhir-render.js';
import { rateLimitPerMinute } from '../plugins/security.js';
import { elementsParam, fhirId, referenceTo } from '../fhir/schemas.js';

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
const practitionerSearch = z.object({
  service: referenceTo('HealthcareService').optional(),
});

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
    const unlocked = unlockedFor(request);
    const keepTreatments = query.includeActivityDefinitionPortal === 'true';
    const elements = parseElements(query._elements);
    const rendered = renderer.render(read.body as object, `${unlockKey(unlocked)}|${keepTreatments}|${inactive.key}|${elements?.key ?? ''}`, () => {
      // Photos leave as links to /photos, not base64 (plugins/photos.ts).
      const filtered = withCampaignTreatmentUrns(filterCampaignOffers(withoutInactiveClinics(app.photos.linked(read.body) as Bundle, inactive.ids), unlocked), app.publicLinks.urn);
      return subsetBundle(keepTreatments ? filtered : withEntries(filtered, (filtered.entry ?? []).filter((e) => !isAd(e))), elements);
    });
    return sendCached(request, reply, rendered, read.maxAgeSeconds, staleSeconds);
  }

  typed.get('/fhir/$get-offers-context', { config: catalogLimit, schema: { querystring: offersQuery } },
    (request, reply) => offersContext(request, reply, '$get-offers-context', request.query));
  for (const type of ['ActivityDefinition', 'HealthcareService', 'PractitionerRole'] as const) {
    typed.get(`/fhir/${type}/:id/$get-offers-context`, { config: catalogLimit, schema: { params: idParams, querystring: offersQuery } },
      (request, reply) => offersContext(request, reply, `${type}/${request.params.id}/$get-offers-context`, request.query));
  }

  /** Clinic and practitioner reads and searches: passed through (cached), inactive clinics left out. */
  async function passThrough(request: FastifyRequest, reply: FastifyReply, path: string, query: Record<string, string> = {}): Promise<FastifyReply> {
    const [read, inactive] = await Promise.all([app.catalogSource.read(path, query), inactiveClinics()]);
    if (belongsToInactiveClinic(read.body, inactive.ids)) throw new OutcomeError('not-found', 'The requested resource does not exist.');
    const rendered = renderer.render(read.body as object, inactive.key, () => withoutInactiveClinics(app.photos.linked(read.body) as Bundle, inactive.ids));
    return sendCached(request, reply, rendered, read.maxAgeSeconds, staleSeconds);
  }

  typed.get('/fhir/HealthcareService', { config: catalogLimit, schema: { querystring: z.object({}) } },
    (request, reply) => passThrough(request, reply, 'HealthcareService'));
  typed.get('/fhir/HealthcareService/:id', { config: catalogLimit, schema: { params: idParams } },
    (request, reply) => passThrough(request, reply, `HealthcareService/${request.params.id}`));
  typed.get('/fhir/PractitionerRole', { config: catalogLimit, schema: { querystring: practitionerSearch } },
    (request, reply) => passThrough(request, reply, 'PractitionerRole', request.query.service === undefined ? {} : { service: `HealthcareService/${request.query.service}` }));
  typed.get('/fhir/PractitionerRole/:id', { config: catalogLimit, schema: { params: idParams } },
    (request, reply) => passThrough(request, reply, `PractitionerRole/${request.params.id}`));

  typed.get('/fhir/ActivityDefinition', { config: catalogLimit, schema: { querystring: campaignQuery } }, async (request, reply) => {
    const read = await app.catalogSource.read('ActivityDefinition');
    const unlocked = unlockedFor(request);
    const rendered = renderer.render(read.body as object, unlockKey(unlocked), () => {
      const bundle = read.body as Bundle;
      return withCampaignTreatmentUrns(withEntries(bundle, (bundle.entry ?? []).filter((e) => e.search?.mode === 'outcome' || isTreatmentVisible(e.resource, unlocked))), app.publicLinks.urn);
    });
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
