/**
 * `GET /fhir/metadata` (our CapabilityStatement), `GET /fhir/OperationDefinition/{id}` and
 * `GET /fhir/OperationDefinition` (all of them, a searchset). Built once when the app is ready,
 * from the routes then registered (fhir/served-routes.ts), so they describe exactly what this
 * instance serves; a route the statement cannot describe stops start-up. Anonymous, no upstream
 * call, and cacheable like catalog answers (ETag, 304).
 * @module
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Bundle, Resource } from '@itb/shared';
import { OutcomeError } from '../errors.js';
import { capabilityStatement } from '../fhir/capability.js';
import { createFhirRenderer, sendCached, type Rendered } from '../fhir/fhir-render.js';
import { operationDefinitions } from '../fhir/operation-definitions.js';
import { pageOf, pagingParams } from '../fhir/paging.js';
import { renderSearch, searchOf } from '../fhir/search-honesty.js';
import { fhirId } from '../fhir/schemas.js';
import type { ServedRoute } from '../fhir/served-routes.js';

/** The package's name and version (package.json sits two levels up from both src/routes and dist/routes). */
const software: { readonly name: string; readonly version: string } = (() => {
  const { name, version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return { name, version };
})();

/**
 * These change only with a new release or configuration, and a partner's client may read them
 * on every start: five minutes fresh, then revalidated (304) by ETag.
 */
const MAX_AGE_SECONDS = 300;
const STALE_SECONDS = 3600;

interface Served {
  readonly statement: Rendered;
  readonly definitions: ReadonlyMap<string, Rendered>;
  /** All of them, unpaged and without links: each search finishes its own copy (search-honesty.ts). */
  readonly searchset: Bundle;
}

/** The OperationDefinition search takes no search parameter: it pages, like every searchset. */
const definitionSearch = z.object(pagingParams);

/** Metadata route group; register after the servedRoutes plugin. */
export async function metadataRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const renderer = createFhirRenderer(app.publicLinks);
  const fhirBase = `${app.config.publicUrl}/fhir`;
  let served: Served | undefined;

  app.addHook('onReady', async () => {
    const routes = app.servedFhirRoutes;
    const needsSession = (route: ServedRoute) => route.preParsing.includes(app.requirePatient);
    const operations = operationDefinitions(routes, { fhirBase, version: software.version });
    const statement = capabilityStatement({ fhirBase, software, date: app.now(), routes, operations, needsSession, cors: app.config.allowedOrigins.length > 0 });
    const list = [...operations.values()].sort((a, b) => a.id.localeCompare(b.id));
    served = {
      statement: renderer.render(statement, '', () => statement),
      definitions: new Map(list.map((definition) => [definition.id, renderer.render(definition, '', () => definition)])),
      searchset: {
        resourceType: 'Bundle',
        type: 'searchset',
        total: list.length,
        entry: list.map((definition) => ({ fullUrl: definition.url, resource: definition as unknown as Resource, search: { mode: 'match' } })),
      },
    };
  });

  const ready = (): Served => {
    if (served === undefined) throw new OutcomeError('internal', 'The capability statement is not built yet.');
    return served;
  };

  typed.get('/fhir/metadata', { schema: { querystring: z.object({}) } },
    (request, reply) => sendCached(request, reply, ready().statement, MAX_AGE_SECONDS, STALE_SECONDS));
  typed.get('/fhir/OperationDefinition', { schema: { querystring: definitionSearch } }, (request, reply) => {
    const { searchset } = ready();
    const search = searchOf(request, `${fhirBase}/OperationDefinition`, definitionSearch, pageOf(request.query));
    return sendCached(request, reply, renderSearch(renderer, searchset, '', () => searchset, search), MAX_AGE_SECONDS, STALE_SECONDS);
  });
  typed.get('/fhir/OperationDefinition/:id', { schema: { params: z.object({ id: fhirId }) } }, (request, reply) => {
    const definition = ready().definitions.get(request.params.id);
    if (definition === undefined) throw new OutcomeError('not-found', 'No such OperationDefinition.');
    return sendCached(request, reply, definition, MAX_AGE_SECONDS, STALE_SECONDS);
  });
}
