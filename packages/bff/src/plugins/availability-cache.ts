/**
 * The short per-instance cache of upstream `$find` answers, one entry per practitioner call.
 * It is shared by the `$find` route (which fills it) and the `$book` route (which makes it forget a
 * practitioner): after any booking attempt — booked, moved, cancelled or refused as taken — the
 * cached times of that practitioner no longer match ITB, and a patient sent back to "fresh times"
 * after a `slot-taken` must not be offered the same taken time again.
 *
 * Forgetting bumps a per-practitioner generation that is part of every key, so it costs O(1) and
 * old entries simply age out of the LRU; a load already in flight when the booking happened
 * lands under the old generation and is never served again.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Bundle } from '@itb/shared';
import { createReadCache } from './read-cache.js';
import type { CacheResult } from './telemetry.js';

declare module 'fastify' {
  interface FastifyInstance {
    availabilityCache: AvailabilityCache;
  }
}

/** See the module comment. */
export interface AvailabilityCache {
  /** The cached `$find` Bundle of one practitioner call, or the result of `load()` (coalesced). */
  get(practitionerRoleId: string, query: Readonly<Record<string, string>>, load: () => Promise<Bundle>): Promise<Bundle>;
  /** Drop every cached answer of these practitioners. */
  forget(...practitionerRoleIds: readonly (string | undefined)[]): void;
}

const CACHE_ENTRIES = 2000;

/** Build an availability cache whose answers stay fresh for `ttlMs` (0 = only coalescing). */
export function createAvailabilityCache(ttlMs: number, onLookup?: (result: CacheResult) => void): AvailabilityCache {
  // Stale times would offer slots that are gone; only fresh answers are reused.
  const cache = createReadCache<Bundle>({ ttlMs, staleMs: 0, maxEntries: CACHE_ENTRIES, ...(onLookup === undefined ? {} : { onLookup }) });
  const generations = new Map<string, number>();
  return {
    async get(practitionerRoleId, query, load) {
      const generation = generations.get(practitionerRoleId) ?? 0;
      return (await cache.get(`${practitionerRoleId}#${generation}|${JSON.stringify(query)}`, load)).value;
    },
    forget(...practitionerRoleIds) {
      for (const id of practitionerRoleIds) {
        if (id !== undefined) generations.set(id, (generations.get(id) ?? 0) + 1);
      }
    },
  };
}

export const availabilityCachePlugin = fp(async (app: FastifyInstance) => {
  app.decorate('availabilityCache', createAvailabilityCache(app.config.findTtlSeconds * 1000, (result) => app.telemetry.cache('availability', result)));
}, { fastify: '5.x', name: 'itb-availability-cache', dependencies: ['itb-telemetry'] });
