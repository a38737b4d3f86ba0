/**
 * The catalog cache shared by every instance on Redis: one upstream fill per TTL for all of them.
 * Each instance keeps its own copy in front (read-cache.ts, where rendering and compression hang
 * off the body); when that copy is due, the instance takes the body another instance stored, or, if
 * none is fresh, takes a short fill lock and asks ITB itself while the others wait for its result.
 * Redis trouble never stands between a patient and the catalog: the instance then asks ITB directly.
 * @module
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { SharedStore } from './shared-store.js';

/** An upstream body and when it was fetched (epoch ms). */
export interface Filled {
  readonly body: unknown;
  readonly loadedAt: number;
}

/** How often an instance waiting for another's fill looks for it. */
const POLL_MS = 25;

/** Options of {@link createSharedFill}. */
export interface SharedFillOptions {
  readonly ttlMs: number;
  /** How long past the TTL a body may still be served while it is refreshed. */
  readonly staleMs: number;
  /** Longest wait for another instance's fill (then this one asks ITB itself). */
  readonly waitMs: number;
  readonly clock?: () => number;
  readonly onStoreError?: (error: unknown) => void;
}

/** `fill(key, load)`: a body no older than the TTL, loaded upstream by at most one instance at a time. */
export type SharedFill = (cacheKey: string, load: () => Promise<unknown>) => Promise<Filled>;

/** Direct loads only: one instance, no shared store. */
export function localFill(clock: () => number = Date.now): SharedFill {
  return async (_cacheKey, load) => {
    const body = await load();
    return { body, loadedAt: clock() };
  };
}

/** Fills shared through `store`. */
export function createSharedFill(store: SharedStore, options: SharedFillOptions): SharedFill {
  const clock = options.clock ?? Date.now;
  const { redis } = store;
  const direct = localFill(clock);

  /** Redis failures, told apart from the upstream load's own. */
  class StoreError extends Error {}
  const shared = <T>(command: Promise<T>): Promise<T> => command.catch((error: unknown) => {
    throw new StoreError('shared store', { cause: error });
  });

  async function stored(key: string): Promise<Filled | undefined> {
    const text = await shared(redis.get(key));
    if (text === null) return undefined;
    const parsed = JSON.parse(text) as Partial<Filled>;
    return typeof parsed.loadedAt === 'number' && 'body' in parsed ? { body: parsed.body, loadedAt: parsed.loadedAt } : undefined;
  }

  async function fillHere(cacheKey: string, bodyKey: string, lockKey: string, load: () => Promise<unknown>): Promise<Filled> {
    try {
      const filled = await direct(cacheKey, load);
      // Not sharing it only costs the others a fill of their own.
      await redis.set(bodyKey, JSON.stringify(filled), 'PX', options.ttlMs + options.staleMs).catch((error: unknown) => options.onStoreError?.(error));
      return filled;
    } finally {
      await redis.del(lockKey).catch(() => undefined);
    }
  }

  return async (cacheKey, load) => {
    const digest = store.digest(cacheKey);
    const bodyKey = store.key('catalog', digest);
    const lockKey = store.key('catalog', 'fill', digest);
    const giveUpAt = clock() + options.waitMs;
    try {
      for (;;) {
        const known = await stored(bodyKey);
        if (known !== undefined && clock() - known.loadedAt < options.ttlMs) return known;
        if (await shared(redis.set(lockKey, '1', 'PX', options.waitMs, 'NX')) === 'OK') {
          // Another instance may have stored its fill and released the lock since the look above.
          const justFilled = await stored(bodyKey);
          if (justFilled !== undefined && clock() - justFilled.loadedAt < options.ttlMs) {
            await redis.del(lockKey).catch(() => undefined);
            return justFilled;
          }
          return await fillHere(cacheKey, bodyKey, lockKey, load);
        }
        // Another instance is filling: a stale body serves meanwhile (the local cache asks again soon).
        if (known !== undefined) return known;
        if (clock() >= giveUpAt) return await direct(cacheKey, load);
        await delay(POLL_MS);
      }
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      options.onStoreError?.(error.cause);
      return direct(cacheKey, load);
    }
  };
}
