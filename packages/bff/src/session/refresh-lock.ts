/**
 * One token refresh per session across every instance. IdPs rotate refresh tokens and treat a
 * used one presented again as theft (the whole grant is revoked): two instances refreshing the same
 * session at once would sign the patient out. With Redis, the first instance to take the lock
 * refreshes and leaves the result (sealed with the session keys) for half a minute; the others wait
 * for it and use it, and so does a request still carrying the old cookie a moment later.
 * Within one instance concurrent refreshes share one promise (the OIDC client's own single-flight).
 * @module
 */
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import type { TokenSet } from '../plugins/auth.js';
import type { SharedStore } from '../plugins/shared-store.js';
import type { Keyring } from './seal.js';

/** The tokens a refresh yields, as a session keeps them. */
export type RefreshedTokens = Pick<TokenSet, 'accessToken' | 'refreshToken' | 'idToken' | 'expiresAt'>;

/** `refresh(token, grant)`: the result of `grant()` for `token`, run once wherever it is asked for. */
export interface RefreshLock {
  refresh(refreshToken: string, grant: () => Promise<RefreshedTokens>): Promise<RefreshedTokens>;
}

/** Thrown when the lock itself cannot be used (Redis down): not a failed refresh, the session stays. */
export class RefreshLockUnavailable extends Error {
  constructor(cause: unknown) {
    super('the refresh lock is unavailable', { cause });
    this.name = 'RefreshLockUnavailable';
  }
}

/** Thrown to waiters when the instance holding the lock saw the refresh fail. */
export class RefreshFailedElsewhere extends Error {
  constructor() {
    super('the refresh failed on another instance');
    this.name = 'RefreshFailedElsewhere';
  }
}

/** How long a result is kept for requests that still carry the old cookie. */
const RESULT_TTL_MS = 30_000;
/** How often a waiting instance looks for the result (Redis answers a GET in well under 1 ms). */
const POLL_MS = 25;
const FAILED = 'failed';

const resultSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string().optional(),
  idToken: z.string().optional(),
  expiresAt: z.number(),
});

/** Only this instance's single-flight (what a lone instance needs). */
export const perInstanceRefreshLock: RefreshLock = { refresh: (_token, grant) => grant() };

/** The lock on `store`; `waitMs` bounds both the lock's life and a waiter's patience. */
export function createSharedRefreshLock(store: SharedStore, keyring: Keyring, options: { waitMs: number; now: () => Date }): RefreshLock {
  const { redis } = store;
  const inflight = new Map<string, Promise<RefreshedTokens>>();

  async function readResult(resultKey: string): Promise<RefreshedTokens | undefined> {
    const stored = await redis.get(resultKey);
    if (stored === null) return undefined;
    if (stored === FAILED) throw new RefreshFailedElsewhere();
    const opened = await keyring.open(stored, { purpose: 'itb-refresh-result', now: options.now() });
    const parsed = resultSchema.safeParse(opened?.payload['tokens']);
    return parsed.success ? { ...parsed.data, refreshToken: parsed.data.refreshToken, idToken: parsed.data.idToken } : undefined;
  }

  async function writeResult(resultKey: string, tokens: RefreshedTokens): Promise<void> {
    const now = options.now();
    const sealed = await keyring.seal({ tokens }, { purpose: 'itb-refresh-result', expiresAt: new Date(now.getTime() + RESULT_TTL_MS), now });
    await redis.set(resultKey, sealed, 'PX', RESULT_TTL_MS);
  }

  async function refreshOnce(digest: string, grant: () => Promise<RefreshedTokens>): Promise<RefreshedTokens> {
    const lockKey = store.key('refresh', 'lock', digest);
    const resultKey = store.key('refresh', 'result', digest);
    const giveUpAt = Date.now() + options.waitMs;
    for (;;) {
      let won: boolean;
      try {
        const known = await readResult(resultKey);
        if (known !== undefined) return known;
        won = await redis.set(lockKey, '1', 'PX', options.waitMs, 'NX') === 'OK';
        if (won) {
          // The instance before may have stored its result and released the lock since the look above:
          // refreshing now would present the used token and have the grant revoked.
          const justRefreshed = await readResult(resultKey);
          if (justRefreshed !== undefined) {
            await redis.del(lockKey).catch(() => undefined);
            return justRefreshed;
          }
        }
      } catch (error) {
        if (error instanceof RefreshFailedElsewhere) throw error;
        throw new RefreshLockUnavailable(error);
      }
      if (won) {
        let tokens: RefreshedTokens;
        try {
          tokens = await grant();
        } catch (error) {
          await redis.set(resultKey, FAILED, 'PX', RESULT_TTL_MS).catch(() => undefined);
          await redis.del(lockKey).catch(() => undefined);
          throw error;
        }
        // The result goes in before the lock comes off: a waiter that found neither would refresh
        // with the used token and have the grant revoked. If it cannot be written, the lock stays
        // until it expires and the waiters give up with a 503 rather than sign the patient out.
        const shared = await writeResult(resultKey, tokens).then(() => true, () => false);
        if (shared) await redis.del(lockKey).catch(() => undefined);
        return tokens;
      }
      if (Date.now() >= giveUpAt) throw new RefreshLockUnavailable(new Error('timed out waiting for another instance to refresh'));
      await delay(POLL_MS);
    }
  }

  return {
    refresh(refreshToken, grant) {
      const digest = store.digest(refreshToken);
      let running = inflight.get(digest);
      if (running === undefined) {
        running = refreshOnce(digest, grant).finally(() => inflight.delete(digest));
        inflight.set(digest, running);
      }
      return running;
    },
  };
}
