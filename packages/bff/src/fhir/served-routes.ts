/**
 * The FHIR routes this BFF really serves, collected as Fastify adds them. The CapabilityStatement
 * and OperationDefinitions are built from this list, so a route added, removed or given another
 * query parameter changes them with no second place to edit.
 *
 * Why an `onRoute` hook rather than a table the route groups import: the hook sees every route
 * with the options Fastify registers it with (URL, method, querystring schema, hooks, config),
 * including routes added later by anyone, with nothing for a route's author to remember. A table
 * would be a second description of the routes that each author has to keep in step.
 * @module
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';

/** One FHIR route as registered. */
export interface ServedRoute {
  readonly method: 'GET' | 'POST';
  /** Fastify's URL, e.g. `/fhir/HealthcareService/:id`. */
  readonly url: string;
  /** The route's querystring schema (zod), if any. */
  readonly querystring: unknown;
  /** The route's preParsing hooks as given (e.g. `app.requirePatient`). */
  readonly preParsing: readonly unknown[];
  /** The route's `config`. */
  readonly config: Readonly<Record<string, unknown>>;
}

/** What a FHIR route does, in R4's terms. */
export type FhirInteraction =
  | { readonly kind: 'capabilities' }
  | { readonly kind: 'read'; readonly type: string; readonly fixedId?: string }
  | { readonly kind: 'search-type'; readonly type: string }
  | { readonly kind: 'operation'; readonly level: 'system' | 'type' | 'instance'; readonly code: string; readonly type?: string };

declare module 'fastify' {
  interface FastifyInstance {
    /** Every GET and POST route under `/fhir/`, in the order they were added (complete once the app is ready). */
    servedFhirRoutes: readonly ServedRoute[];
  }
}

const TYPE = /^[A-Z][A-Za-z]+$/;
const OPERATION = /^\$([a-z][a-z0-9-]*)$/;
const ID_PARAM = ':id';

/**
 * The R4 interaction of `method url`. A URL of another shape throws: a FHIR route the statement
 * cannot describe is a mistake to fix, not one to leave out silently.
 */
export function fhirInteractionOf(method: string, url: string): FhirInteraction {
  const parts = url.replace(/^\/fhir\//, '').split('/');
  const [first = '', second, third, ...rest] = parts;
  const fail = (): never => {
    throw new TypeError(`The CapabilityStatement cannot describe ${method} ${url}: not a FHIR read, search or operation URL.`);
  };
  if (rest.length > 0) return fail();
  const op = (part: string | undefined) => (part === undefined ? undefined : OPERATION.exec(part)?.[1]);
  if (parts.length === 1) {
    if (first === 'metadata' && method === 'GET') return { kind: 'capabilities' };
    const code = op(first);
    if (code !== undefined) return { kind: 'operation', level: 'system', code };
    if (TYPE.test(first) && method === 'GET') return { kind: 'search-type', type: first };
    return fail();
  }
  if (!TYPE.test(first) || second === undefined) return fail();
  if (parts.length === 2) {
    const code = op(second);
    if (code !== undefined) return { kind: 'operation', level: 'type', type: first, code };
    if (method !== 'GET') return fail();
    if (second === ID_PARAM) return { kind: 'read', type: first };
    // A fixed id (`Patient/me`): a read that serves that one id only.
    if (/^[a-z]+$/.test(second)) return { kind: 'read', type: first, fixedId: second };
    return fail();
  }
  const code = op(third);
  if (second === ID_PARAM && code !== undefined) return { kind: 'operation', level: 'instance', type: first, code };
  return fail();
}

function methodsOf(options: RouteOptions): string[] {
  return Array.isArray(options.method) ? options.method : [options.method];
}

function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Collects `/fhir/` routes on the app. Register it before every FHIR route group: an `onRoute`
 * hook sees only the routes added after it.
 */
export const servedRoutesPlugin = fp(async (app: FastifyInstance) => {
  const routes: ServedRoute[] = [];
  app.decorate('servedFhirRoutes', routes);
  app.addHook('onRoute', (options) => {
    if (!options.url.startsWith('/fhir/')) return;
    for (const method of methodsOf(options)) {
      // HEAD routes are Fastify's automatic copies of GET ones.
      if (method !== 'GET' && method !== 'POST') continue;
      // Classified now, so a route the statement cannot describe fails where it is added.
      fhirInteractionOf(method, options.url);
      routes.push({
        method,
        url: options.url,
        querystring: options.schema?.querystring,
        preParsing: listOf(options.preParsing),
        config: (options.config ?? {}) as Record<string, unknown>,
      });
    }
  });
}, { fastify: '5.x', name: 'itb-served-routes' });
