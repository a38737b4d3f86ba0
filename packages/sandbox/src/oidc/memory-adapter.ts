/**
 * In-memory storage for oidc-provider, one store per provider instance. The library's own memory
 * adapter is module-global (two sandboxes in one test process would share tokens), evicts by LRU
 * after 1000 entries (a busy bench run would silently log people out) and warns on every start.
 * @module
 */
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

interface Entry {
  readonly payload: AdapterPayload;
  /** Epoch milliseconds; Infinity when the model has no TTL. */
  readonly expiresAt: number;
}

/** Models whose entries belong to a grant and die when the grant is revoked (logout, code reuse). */
const GRANT_MEMBERS = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/** Sweep expired entries every this many writes, so memory stays bounded without a timer. */
const SWEEP_EVERY = 200;

/**
 * Build a fresh store and return the adapter factory oidc-provider calls once per model name.
 * `clock` is in epoch milliseconds and must be the clock oidc-provider itself uses for `exp`.
 */
export function createMemoryAdapterFactory(clock: () => number = Date.now): AdapterFactory {
  const entries = new Map<string, Entry>();
  const byUid = new Map<string, string>();
  const byUserCode = new Map<string, string>();
  const grants = new Map<string, Set<string>>();
  let writes = 0;

  const read = (key: string): AdapterPayload | undefined => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= clock()) {
      entries.delete(key);
      return undefined;
    }
    return entry.payload;
  };

  const sweep = () => {
    const now = clock();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
    for (const index of [byUid, byUserCode]) for (const [k, key] of index) if (!entries.has(key)) index.delete(k);
    for (const [grantId, members] of grants) {
      for (const key of members) if (!entries.has(key)) members.delete(key);
      if (members.size === 0) grants.delete(grantId);
    }
  };

  return (model: string): Adapter => {
    const keyOf = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        const key = keyOf(id);
        const expiresAt = typeof expiresIn === 'number' ? clock() + expiresIn * 1000 : Infinity;
        entries.set(key, { payload, expiresAt });
        if (model === 'Session' && payload.uid !== undefined) byUid.set(payload.uid, key);
        if (payload.userCode !== undefined) byUserCode.set(payload.userCode, key);
        if (GRANT_MEMBERS.has(model) && payload.grantId !== undefined) {
          const members = grants.get(payload.grantId) ?? new Set<string>();
          members.add(key);
          grants.set(payload.grantId, members);
        }
        writes += 1;
        if (writes % SWEEP_EVERY === 0) sweep();
      },
      async find(id) {
        return read(keyOf(id));
      },
      async findByUid(uid) {
        const key = byUid.get(uid);
        return key === undefined ? undefined : read(key);
      },
      async findByUserCode(userCode) {
        const key = byUserCode.get(userCode);
        return key === undefined ? undefined : read(key);
      },
      async consume(id) {
        const payload = read(keyOf(id));
        if (payload !== undefined) payload.consumed = Math.floor(clock() / 1000);
      },
      async destroy(id) {
        entries.delete(keyOf(id));
      },
      async revokeByGrantId(grantId) {
        for (const key of grants.get(grantId) ?? []) entries.delete(key);
        grants.delete(grantId);
      },
    };
  };
}
