/**
 * The rate-limit counters of @fastify/rate-limit on Redis, so a limit holds for all instances
 * together (the configured count in total, not per instance), with the plugin's own in-memory
 * store taking over for as long as Redis is unreachable: limits then hold per instance, which is
 * looser but never "no limit at all" (the plugin's skipOnError) nor "refuse everyone".
 * @module
 */
import { createRequire } from 'node:module';
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Redis } from 'ioredis';

/**
 * The store interface as the plugin really calls it: its type declarations leave out the window
 * and the maximum that `incr` receives (see its RedisStore and LocalStore).
 */
interface CounterStore {
  incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number, max: number): void;
  child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): CounterStore;
}

// The plugin's own stores (CommonJS files without type declarations): reused, not rewritten.
const require = createRequire(import.meta.url);
const RedisStore = require('@fastify/rate-limit/store/RedisStore.js') as new (continueExceeding: boolean, exponentialBackoff: boolean, redis: Redis, key: string) => CounterStore;
const LocalStore = require('@fastify/rate-limit/store/LocalStore.js') as new (continueExceeding: boolean, exponentialBackoff: boolean, cache?: number) => CounterStore;

class RedisWithLocalFallback implements CounterStore {
  constructor(private readonly shared: CounterStore, private readonly local: CounterStore, private readonly onSharedError: () => void) {}

  incr(key: string, callback: Parameters<CounterStore['incr']>[1], timeWindow: number, max: number): void {
    this.shared.incr(key, (error, result) => {
      if (error === null) {
        callback(null, result);
        return;
      }
      this.onSharedError();
      this.local.incr(key, callback, timeWindow, max);
    }, timeWindow, max);
  }

  child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): CounterStore {
    return new RedisWithLocalFallback(this.shared.child(routeOptions), this.local.child(routeOptions), this.onSharedError);
  }
}

/** The `store` option for @fastify/rate-limit: counters under `keyPrefix` on `redis`. */
export function sharedRateLimitStore(redis: Redis, keyPrefix: string, onSharedError: () => void): FastifyRateLimitStoreCtor {
  const Store = class extends RedisWithLocalFallback {
    constructor(params: FastifyRateLimitOptions & { continueExceeding?: boolean; exponentialBackoff?: boolean }) {
      const continueExceeding = params.continueExceeding === true;
      const exponentialBackoff = params.exponentialBackoff === true;
      super(new RedisStore(continueExceeding, exponentialBackoff, redis, keyPrefix), new LocalStore(continueExceeding, exponentialBackoff), onSharedError);
    }
  };
  return Store as unknown as FastifyRateLimitStoreCtor;
}
