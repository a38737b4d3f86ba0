/**
 * "Have we seen this id before?" for one-time tokens (a back-channel logout token's `jti`): a Redis
 * `SET NX` shared by every instance when configured, with this instance's own memory in front, so
 * a replay is refused here even while Redis is unreachable.
 * @module
 */
import type { SharedStore } from '../plugins/shared-store.js';

/** See the module comment. */
export interface SeenOnce {
  /** True the first time `id` is presented within `ttlSeconds`; false for a replay. */
  first(id: string, ttlSeconds: number): Promise<boolean>;
}

/** Bound of the local memory; the oldest ids go first (they have expired long before in practice). */
const MAX_LOCAL = 50_000;

/** A registry under `namespace`, shared on `store` when given. `now` is epoch ms. */
export function createSeenOnce(namespace: string, store: SharedStore | undefined, now: () => number, onStoreError: (error: unknown) => void): SeenOnce {
  const local = new Map<string, number>();
  return {
    async first(id, ttlSeconds) {
      const at = now();
      for (const [key, until] of local) {
        if (local.size < MAX_LOCAL && until > at) break;
        local.delete(key);
      }
      const until = local.get(id);
      if (until !== undefined && until > at) return false;
      local.delete(id);
      local.set(id, at + ttlSeconds * 1000);
      if (store === undefined) return true;
      try {
        return await store.redis.set(store.key(namespace, store.digest(id)), '1', 'EX', Math.max(1, ttlSeconds), 'NX') === 'OK';
      } catch (error) {
        onStoreError(error);
        return true;
      }
    },
  };
}
