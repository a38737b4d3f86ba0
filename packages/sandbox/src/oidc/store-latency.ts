/**
 * A round trip to storage for the IdP's in-memory store, for tests that need one.
 * @module
 */
import type { Adapter, AdapterFactory } from 'oidc-provider';

/**
 * Delay every storage call by `latencyMs` (0: the factory unchanged). The in-memory store answers
 * within the same turn of the event loop, so oidc-provider's find-then-consume of a refresh token
 * never yields to another request and races that a production IdP's database would open stay
 * hidden. With a delay they open, and a test can show that the token endpoint closes them.
 */
export function withStoreLatency(factory: AdapterFactory, latencyMs: number): AdapterFactory {
  if (latencyMs <= 0) return factory;
  const pause = () => new Promise<void>((resolve) => setTimeout(resolve, latencyMs));
  return (model) => {
    const store: Adapter = factory(model);
    return {
      upsert: async (id, payload, expiresIn) => { await pause(); return store.upsert(id, payload, expiresIn); },
      find: async (id) => { await pause(); return store.find(id); },
      findByUserCode: async (userCode) => { await pause(); return store.findByUserCode(userCode); },
      findByUid: async (uid) => { await pause(); return store.findByUid(uid); },
      consume: async (id) => { await pause(); return store.consume(id); },
      destroy: async (id) => { await pause(); return store.destroy(id); },
      revokeByGrantId: async (grantId) => { await pause(); return store.revokeByGrantId(grantId); },
    };
  };
}
