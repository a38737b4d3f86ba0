/**
 * `GET /fhir/Appointment/$find`: ITB's parameters, except that `practitionerRole` may repeat (or be
 * left out with `healthcareService` + `visit-type`, meaning any practitioner). The BFF calls ITB once
 * per practitioner in parallel (bounded), caches each call briefly, drops times closer than the
 * clinic's minimum advance booking, and merges everything into one searchset Bundle in which
 * practitioners whose call failed are listed in an OperationOutcome entry.
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CAMPAIGN_CODE_MAX_LENGTH, CAMPAIGN_PARAM, campaignAllowsAt, meetsMinimumNotice, mergeFindBundles, parseElements, subsetBundle, treatmentIdOf, type Appointment, type Bundle } from '@itb/shared';
import { appliedCampaignCodes, unlockedTags } from '../campaigns/campaign-unlock.js';
import { OutcomeError, isOutcomeError } from '../errors.js';
import { createLimiter } from '../limit.js';
import { FHIR_JSON } from '../plugins/errors.js';
import { sendText } from '../plugins/compression.js';
import { createReadCache } from '../plugins/read-cache.js';
import { largestClinicSize, planFind, type PractitionerCall } from '../availability/find-plan.js';
import { findForPractitioner } from '../availability/practitioner-find.js';
import { rateLimitPerMinute } from '../plugins/security.js';
import { dateOrDateTime, elementsParam, parseDateOrDateTime, referenceTo } from '../fhir/schemas.js';
import { CODE_VALUES, DATE_VALUES, REFERENCE_VALUES, STRING_VALUES, TOKEN_VALUES, acceptFhirJsonBodies, createParametersReader, parametersBody, type OperationParameters } from '../fhir/parameters-body.js';
import { pageOf, summaryParam } from '../fhir/paging.js';
import { appliedParameters, parameterNamesOf, searchAnswer, searchOf, unknownQueryParameters, type SearchAnswer } from '../fhir/search-honesty.js';

const DAY_MS = 86_400_000;
/** More practitioners than any clinic has; bounds the work one request can cause. */
const MAX_PRACTITIONERS = 50;

function findQuerySchema(maxFindDays: number) {
  const practitionerRole = referenceTo('PractitionerRole');
  return z.object({
    start: dateOrDateTime,
    end: dateOrDateTime,
    'visit-type': z.string().max(300).regex(/^[^|\s]+\|[^|\s]+$/, "must be '{system}|{code}'").optional(),
    healthcareService: referenceTo('HealthcareService').optional(),
    practitionerRole: z.union([practitionerRole, z.array(practitionerRole).max(MAX_PRACTITIONERS, `may repeat at most ${MAX_PRACTITIONERS} times`)]).optional(),
    // A campaign code unlocks campaign-only treatments, as on the catalog routes.
    [CAMPAIGN_PARAM]: z.union([z.string().max(CAMPAIGN_CODE_MAX_LENGTH), z.array(z.string().max(CAMPAIGN_CODE_MAX_LENGTH)).max(5)]).optional(),
    _elements: elementsParam,
    _summary: summaryParam,
  }).superRefine((query, ctx) => {
    const start = parseDateOrDateTime(query.start);
    const end = parseDateOrDateTime(query.end);
    if (start === undefined || end === undefined) return;
    // A date-only end is that day's midnight and the end is exclusive, as ITB reads it (start=end is empty).
    const endMs = end.ms;
    if (endMs <= start.ms) ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after start' });
    // One hour of slack: a window of whole local days may span a daylight-saving change.
    else if (endMs - start.ms > maxFindDays * DAY_MS + 3_600_000) ctx.addIssue({ code: 'custom', path: ['end'], message: `the window may span at most ${maxFindDays} days` });
  });
}

type FindQueryValues = z.output<ReturnType<typeof findQuerySchema>>;

/** `$find` by POST: each GET parameter, with the R4 value types that may carry it (`practitionerRole` repeats). */
export const FIND_PARAMETERS: OperationParameters = {
  start: DATE_VALUES,
  end: DATE_VALUES,
  'visit-type': TOKEN_VALUES,
  healthcareService: REFERENCE_VALUES,
  practitionerRole: REFERENCE_VALUES,
  [CAMPAIGN_PARAM]: CODE_VALUES,
  _elements: STRING_VALUES,
  _summary: CODE_VALUES,
};

/** `$find` does not page: each answer is planned, fanned out and merged anew, so a page 2 would be another search. */
const FIND_REFUSES = { _count: 'every free time in the window comes in one answer; narrow start and end instead.' };

/**
 * Keep only the times this request may be offered: at least the clinic's minimum advance booking
 * after `now` (spec §11.1), and of a treatment the request may book (a campaign-only treatment
 * needs its code; this matters when no `visit-type` narrowed the upstream answer).
 */
function keepOffered(bundle: Bundle, now: Date, minutes: number | undefined, allowsTreatment?: (treatmentId: string) => boolean): Bundle {
  if (!Array.isArray(bundle.entry)) return bundle;
  const allowed = (resource: Appointment) => {
    const treatmentId = allowsTreatment === undefined ? undefined : treatmentIdOf(resource);
    return treatmentId === undefined || allowsTreatment?.(treatmentId) !== false;
  };
  return {
    ...bundle,
    entry: bundle.entry.filter((e) => {
      const resource = e.resource as Appointment | undefined;
      if (resource?.resourceType !== 'Appointment') return true;
      return meetsMinimumNotice(Date.parse(resource.start ?? ''), now, minutes) && allowed(resource);
    }),
  };
}

/** `$find` route group. */
export async function findRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const inflight = createReadCache<string>({ ttlMs: 0, staleMs: 0, maxEntries: 1 });
  const querySchema = findQuerySchema(app.config.maxFindDays);

  /** Plan, fan out, merge and serialise one answer. */
  async function answer(q: FindQueryValues, search: SearchAnswer): Promise<string> {
    const roles = q.practitionerRole === undefined ? [] : typeof q.practitionerRole === 'string' ? [q.practitionerRole] : q.practitionerRole;
    const { catalog } = await app.catalogSource.systemCatalog();
    const now = app.now();
    const unlocked = unlockedTags(app.config.campaigns, q[CAMPAIGN_PARAM], now);
    const allows = (treatmentId: string, clinicId: string | undefined) =>
      campaignAllowsAt(catalog.treatments.get(treatmentId)?.campaigns ?? [], clinicId ?? '', unlocked);
    const plan = planFind(catalog, {
      start: q.start,
      end: q.end,
      practitionerRoles: roles,
      ...(q['visit-type'] === undefined ? {} : { visitType: q['visit-type'] }),
      ...(q.healthcareService === undefined ? {} : { healthcareService: q.healthcareService }),
    }, allows, app.config.maxFindPractitioners ?? largestClinicSize(catalog));
    const limit = createLimiter(app.config.fanoutConcurrency);
    app.telemetry.fanOut(plan.calls.length);
    const settled = await Promise.allSettled(plan.calls.map((call) => limit(() => findForPractitioner(app, { practitionerRoleId: call.practitionerRoleId, clinicId: call.clinicId, start: q.start, end: q.end, visitType: q['visit-type'] }))));
    const bundles: Bundle[] = [];
    const failures: { practitionerRoleId: string; diagnostics: string }[] = [...plan.offline];
    const errors: OutcomeError[] = [];
    settled.forEach((result, index) => {
      const call = plan.calls[index] as PractitionerCall;
      if (result.status === 'fulfilled') {
        // With a visit-type the plan already refused a locked treatment; only an unnarrowed answer needs the check.
        const allowsTreatment = q['visit-type'] === undefined ? (treatmentId: string) => allows(treatmentId, call.clinicId) : undefined;
        bundles.push(keepOffered(result.value, now, call.minimumAdvanceBookingMinutes, allowsTreatment));
        return;
      }
      const error = isOutcomeError(result.reason) ? result.reason : new OutcomeError('upstream-unavailable', 'The booking system could not search times.', { cause: result.reason });
      app.log.warn({ err: error, practitionerRoleId: call.practitionerRoleId }, 'practitioner $find failed');
      errors.push(error);
      failures.push({ practitionerRoleId: call.practitionerRoleId, diagnostics: error.diagnostics });
    });
    if (plan.calls.length > 0 && errors.length === plan.calls.length) {
      const first = errors[0] as OutcomeError;
      throw errors.every((e) => e.reason === first.reason) ? first : new OutcomeError('upstream-unavailable', 'The booking system could not search times.');
    }
    const merged = mergeFindBundles(bundles, failures);
    // A free time has no REST address of its own (it is not an Appointment until booked): each
    // gets a stable urn. The merge built fresh entry objects, so setting them here copies nothing.
    for (const entry of merged.entry ?? []) {
      if (entry.resource?.resourceType === 'Appointment') entry.fullUrl = app.publicLinks.urn(`Appointment/${entry.resource.id ?? JSON.stringify(entry.resource.identifier ?? [])}`);
    }
    return app.publicLinks.toJson(search.finish(subsetBundle(merged, parseElements(q._elements))));
  }

  const findLimit = rateLimitPerMinute(app.config.rateLimitFindPerMinute);
  const base = `${app.config.publicUrl}/fhir/Appointment/$find`;
  const known = new Set(parameterNamesOf(querySchema));
  // An invalid campaign code unlocks nothing, so the self link leaves it out.
  const keep = (name: string, values: readonly string[]) => (name === CAMPAIGN_PARAM ? appliedCampaignCodes(app.config.campaigns, values, app.now()) : values);
  const findBody = createParametersReader('$find', querySchema, FIND_PARAMETERS);
  acceptFhirJsonBodies(app);

  async function serve(request: FastifyRequest, reply: FastifyReply, q: FindQueryValues, search: SearchAnswer): Promise<FastifyReply> {
    // Identical requests in flight at the same moment share one plan, merge and serialisation.
    const key = JSON.stringify([q, search.self, search.unknown]);
    const text = (await inflight.get(key, () => answer(q, search))).value;
    return sendText(request, reply.code(200).type(FHIR_JSON).header('Cache-Control', 'private, no-store'), text);
  }

  typed.get('/fhir/Appointment/$find', { config: findLimit, schema: { querystring: querySchema } },
    (request, reply) => serve(request, reply, request.query, searchOf(request, base, querySchema, pageOf(request.query), { keep, refused: FIND_REFUSES })));
  // By POST it changes nothing either: no CSRF header, but JSON only (plugins/security.ts).
  typed.post('/fhir/Appointment/$find', { config: { ...findLimit, csrfExemptReadOnlyJson: true }, schema: { body: parametersBody } }, (request, reply) => {
    const unknown = unknownQueryParameters(request);
    const { query, sent } = findBody.read(request.body);
    return serve(request, reply, query, searchAnswer({ base, applied: appliedParameters(sent, known, keep), unknown, page: pageOf(query) }));
  });
}
