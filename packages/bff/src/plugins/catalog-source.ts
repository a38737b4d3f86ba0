/**
 * Cached catalog reads with the system token (`app.catalogSource`): the catalog routes serve
 * them, `$find` and the campaign route look ids, rules and tags up in the indexed system-level
 * offers context. Each instance keeps its copies; with Redis they are filled once for all
 * instances (catalog-shared-fill.ts). Concurrent identical reads are one upstream call.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { indexOffersContext, type Catalog } from '@itb/shared';
import { OutcomeError } from '../errors.js';
import { createSharedFill, localFill, type Filled, type SharedFill } from './catalog-shared-fill.js';
import { createReadCache, type ReadCache } from './read-cache.js';
import { sharedStoreOf } from './shared-store.js';

/** A cached upstream answer. */
export interface CatalogRead {
  /** The upstream JSON body (treat as immutable: it is shared by every request). */
  readonly body: unknown;
  /** Epoch ms of the upstream load. */
  readonly loadedAt: number;
  /** Seconds a browser may reuse it. */
  readonly maxAgeSeconds: number;
}

/** The indexed system-level offers context. */
export interface SystemCatalog extends CatalogRead {
  readonly catalog: Catalog;
}

/** `app.catalogSource`. */
export interface CatalogSource {
  /** GET `path` (+ query) with the system token, cached per instance. */
  read(path: string, query?: Readonly<Record<string, string>>): Promise<CatalogRead>;
  /** The tenant's whole offers context with every resource included, indexed. */
  systemCatalog(): Promise<SystemCatalog>;
}

declare module 'fastify' {
  interface FastifyInstance {
    catalogSource: CatalogSource;
  }
}

/** Query that makes the system-level offers context carry clinics, treatments and practitioners. */
export const INCLUDE_ALL = {
  includeActivityDefinitionPortal: 'true',
  includeHealthcareServicePortal: 'true',
  includePractitionerRolePortal: 'true',
} as const;

const MAX_ENTRIES = 500;

function cacheKey(path: string, query: Readonly<Record<string, string>>): string {
  const params = new URLSearchParams(Object.entries(query).sort(([a], [b]) => a.localeCompare(b)));
  return `${path}?${params.toString()}`;
}

/** A non-2xx catalog answer from upstream, as our error (the upstream body is never passed on). */
function upstreamRefusal(status: number, path: string): OutcomeError {
  const cause = new Error(`GET ${path.split('/')[0]} answered ${status}`);
  if (status === 404 || status === 410) return new OutcomeError('not-found', 'The requested resource does not exist.', { cause });
  if (status === 400) return new OutcomeError('invalid-parameter', 'The booking system rejected the request parameters.', { cause });
  return new OutcomeError('upstream-unavailable', 'The booking system is unavailable.', { cause });
}

/** Build the source on `app.upstream` with the configured TTL. */
export function createCatalogSource(app: FastifyInstance): CatalogSource {
  const ttlMs = app.config.catalogTtlSeconds * 1000;
  const cache: ReadCache<Filled> = createReadCache<Filled>({
    ttlMs,
    staleMs: ttlMs,
    maxEntries: MAX_ENTRIES,
    loadedAtOf: (filled) => filled.loadedAt,
    onLookup: (result) => app.telemetry.cache('catalog', result),
    onRefreshError: (key, error) => app.log.warn({ err: error, key: key.split('?')[0] }, 'catalog refresh failed; serving stale'),
  });
  const store = sharedStoreOf(app);
  const fill: SharedFill = store === undefined || ttlMs === 0
    ? localFill()
    : createSharedFill(store, { ttlMs, staleMs: ttlMs, waitMs: app.config.upstreamTimeoutMs, onStoreError: () => app.telemetry.sharedStoreError('catalog') });
  // Indexing is pure but not free: do it once per loaded body.
  const indexed = new WeakMap<object, Catalog>();

  async function read(path: string, query: Readonly<Record<string, string>> = {}): Promise<CatalogRead> {
    const key = cacheKey(path, query);
    const hit = await cache.get(key, () => fill(key, async () => {
      const response = await app.upstream.request({ path, query, auth: 'system', retry: true });
      if (response.status !== 200) throw upstreamRefusal(response.status, path);
      return response.body;
    }));
    return { body: hit.value.body, loadedAt: hit.loadedAt, maxAgeSeconds: cache.remainingFreshSeconds(hit.loadedAt) };
  }

  return {
    read,
    async systemCatalog() {
      const result = await read('$get-offers-context', INCLUDE_ALL);
      const key = result.body as object;
      let catalog = indexed.get(key);
      if (catalog === undefined) {
        try {
          catalog = indexOffersContext(result.body);
        } catch (error) {
          throw new OutcomeError('upstream-invalid', 'The booking system sent an unreadable catalog.', { cause: error });
        }
        indexed.set(key, catalog);
      }
      return { ...result, catalog };
    },
  };
}

/** Registers `app.catalogSource` (needs `app.upstream`). */
export const catalogSourcePlugin = fp(async (app: FastifyInstance) => {
  app.decorate('catalogSource', createCatalogSource(app));
}, { fastify: '5.x', name: 'itb-catalog-source', dependencies: ['itb-upstream', 'itb-telemetry'] });
