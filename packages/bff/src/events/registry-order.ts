/**
 * Keeps a late retry from undoing a newer change: retries can deliver events of one appointment
 * out of order (a "created" retried after its "cancelled" got through), so the registry write of
 * an event older than the newest one already written for that appointment is skipped.
 * Shared through Redis when there is one, per instance otherwise.
 * @module
 */
import type { SharedStore } from '../plugins/shared-store.js';

export interface RegistryOrder {
  /** Whether a newer event of this appointment has already been written. */
  isSuperseded(appointmentId: string, timestamp: string): Promise<boolean>;
  /** Remember that the event of `timestamp` was written (keeps the newest). */
  written(appointmentId: string, timestamp: string): Promise<void>;
}

/** How long the newest time is remembered: longer than any delivery is retried. */
const REMEMBER_SECONDS = 40 * 86_400;

// ISO timestamps in UTC compare as strings.
const KEEP_NEWEST = `local current = redis.call('GET', KEYS[1])
if (not current) or current < ARGV[1] then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) end
return 1`;

export function createRegistryOrder(store: SharedStore | undefined): RegistryOrder {
  if (store === undefined) {
    const newest = new Map<string, string>();
    return {
      async isSuperseded(id, timestamp) {
        const known = newest.get(id);
        return known !== undefined && known > timestamp;
      },
      async written(id, timestamp) {
        const known = newest.get(id);
        if (known === undefined || known < timestamp) newest.set(id, timestamp);
      },
    };
  }
  const key = (id: string) => store.key('registry', 'newest', id);
  return {
    async isSuperseded(id, timestamp) {
      const known = await store.redis.get(key(id));
      return known !== null && known > timestamp;
    },
    async written(id, timestamp) {
      await store.redis.eval(KEEP_NEWEST, 1, key(id), timestamp, String(REMEMBER_SECONDS));
    },
  };
}
