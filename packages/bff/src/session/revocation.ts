/**
 * The session revocation list. A session cookie is self-contained (sealed, valid until it
 * expires), so "signed out" has to be remembered somewhere until then: by session id (the patient
 * signed out here), by IdP session (`sid` of a back-channel logout) or by IdP subject (a
 * back-channel logout naming only `sub`: every session of that patient issued until then).
 *
 * In memory for one instance; on Redis for many. With Redis the local list is kept too: what this
 * instance revoked is refused here at once even while Redis is down, and revocations that could not
 * be written are written when Redis is back (nothing is lost). A lookup that cannot reach Redis
 * throws: the caller decides (the session plugin fails closed).
 * @module
 */
import type { Redis } from 'ioredis';
import type { SharedStore } from '../plugins/shared-store.js';

/** What identifies a session for revocation. */
export interface SessionRef {
  readonly id: string;
  /** The IdP's session id (`sid` claim of the ID token), when it sent one. */
  readonly sid?: string | undefined;
  /** The IdP's subject (`sub`). */
  readonly sub?: string | undefined;
  /** Epoch seconds when the session was created (at login). */
  readonly issuedAt: number;
}

/** See the module comment. All times are epoch seconds. */
export interface RevocationList {
  /** Refuse session `id` until `until` (its own expiry). */
  revokeSession(id: string, until: number): Promise<void>;
  /** Refuse every session of IdP session `sid` until `until`. */
  revokeIdpSession(sid: string, until: number): Promise<void>;
  /** Refuse every session of `sub` issued at or before `at`, until `until`. */
  revokeSubject(sub: string, at: number, until: number): Promise<void>;
  isRevoked(ref: SessionRef): Promise<boolean>;
}

/** Kinds of entries; a subject entry's value is the time of revocation. */
type Kind = 'session' | 'sid' | 'sub';

/** Upper bound on local entries (one per logout within a session lifetime); the oldest go first. */
const MAX_LOCAL_ENTRIES = 100_000;

/** The list of one instance; `nowSeconds` is the app clock. */
export function createMemoryRevocationList(nowSeconds: () => number): RevocationList & { entries(): number } {
  const entries = new Map<string, { value: number; until: number }>();
  const put = (kind: Kind, id: string, value: number, until: number): void => {
    const now = nowSeconds();
    for (const [key, entry] of entries) {
      if (entries.size < MAX_LOCAL_ENTRIES && entry.until > now) break;
      entries.delete(key);
    }
    const key = `${kind}:${id}`;
    const known = entries.get(key);
    entries.delete(key);
    entries.set(key, { value: Math.max(value, known?.value ?? 0), until: Math.max(until, known?.until ?? 0) });
  };
  const live = (kind: Kind, id: string | undefined): number | undefined => {
    if (id === undefined) return undefined;
    const entry = entries.get(`${kind}:${id}`);
    return entry !== undefined && entry.until > nowSeconds() ? entry.value : undefined;
  };
  return {
    async revokeSession(id, until) { put('session', id, 1, until); },
    async revokeIdpSession(sid, until) { put('sid', sid, 1, until); },
    async revokeSubject(sub, at, until) { put('sub', sub, at, until); },
    async isRevoked(ref) {
      const subjectAt = live('sub', ref.sub);
      return live('session', ref.id) !== undefined || live('sid', ref.sid) !== undefined
        || (subjectAt !== undefined && ref.issuedAt <= subjectAt);
    },
    entries: () => entries.size,
  };
}

/** The list shared by every instance on `store`, with this instance's list in front of it. */
export function createSharedRevocationList(store: SharedStore, nowSeconds: () => number, onWriteFailed: (error: unknown) => void): RevocationList {
  const local = createMemoryRevocationList(nowSeconds);
  const { redis } = store;
  // sid and sub are the IdP's identifiers: stored only as digests.
  const keyOf = (kind: Kind, id: string): string => store.key('revoked', kind, kind === 'session' ? id : store.digest(id));
  /** Writes waiting for Redis to come back, replayed in order on reconnect. */
  const pending: ((client: Redis) => Promise<unknown>)[] = [];

  const write = async (command: (client: Redis) => Promise<unknown>): Promise<void> => {
    try {
      await command(redis);
    } catch (error) {
      pending.push(command);
      onWriteFailed(error);
    }
  };
  redis.on('ready', () => {
    const replay = pending.splice(0);
    void (async () => {
      for (const command of replay) await write(command);
    })();
  });
  const expiring = (until: number): number => Math.max(1, until - nowSeconds());

  return {
    async revokeSession(id, until) {
      await local.revokeSession(id, until);
      await write((client) => client.set(keyOf('session', id), '1', 'EX', expiring(until)));
    },
    async revokeIdpSession(sid, until) {
      await local.revokeIdpSession(sid, until);
      await write((client) => client.set(keyOf('sid', sid), '1', 'EX', expiring(until)));
    },
    async revokeSubject(sub, at, until) {
      await local.revokeSubject(sub, at, until);
      // GT keeps the latest revocation time when two instances record one for the same subject.
      const key = keyOf('sub', sub);
      await write(async (client) => {
        await client.zadd(key, 'GT', at, 'at');
        await client.expire(key, expiring(until));
      });
    },
    async isRevoked(ref) {
      if (await local.isRevoked(ref)) return true;
      const [session, sid, subjectAt] = await Promise.all([
        redis.exists(keyOf('session', ref.id)),
        ref.sid === undefined ? 0 : redis.exists(keyOf('sid', ref.sid)),
        ref.sub === undefined ? null : redis.zscore(keyOf('sub', ref.sub), 'at'),
      ]);
      return session > 0 || sid > 0 || (subjectAt !== null && ref.issuedAt <= Number(subjectAt));
    },
  };
}
