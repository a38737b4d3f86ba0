/**
 * Per-instance idempotency for `$book`: the first request with a key runs, every later request
 * with the same key (and the same body) gets the same promise, in flight or settled, for 24 h.
 * Keys are scoped to the patient (a hash of the personal number), so one patient's key can never
 * replay another's result. Failures that may be transient (5xx) are forgotten so a retry runs
 * again; definitive answers (2xx, 4xx) are kept.
 *
 * Without Redis this map cannot see a retry that lands on another instance; book-flow.ts also
 * looks the patient's own appointments up upstream, which closes that gap either way.
 * @module
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { OutcomeError, isOutcomeError } from '../errors.js';
import { createKeyring } from '../session/seal.js';
import { createSharedIdempotencyStore } from './shared-idempotency.js';
import { sharedStoreOf } from './shared-store.js';

/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** Upper bound on remembered keys per instance; the oldest go first. */
export const IDEMPOTENCY_MAX_ENTRIES = 10_000;

/** `app.idempotency`. */
export interface IdempotencyStore {
  /**
   * Run `work` once per (`scope`, `key`). `fingerprint` identifies the request body: the same key
   * with another body is refused with 409 'idempotency-conflict'.
   */
  run<T>(scope: string, key: string, fingerprint: string, work: () => Promise<T>): Promise<T>;
  /** Number of remembered keys (tests, metrics). */
  size(): number;
}

declare module 'fastify' {
  interface FastifyInstance {
    idempotency: IdempotencyStore;
  }
}

interface Entry {
  readonly fingerprint: string;
  readonly promise: Promise<unknown>;
  readonly expiresAt: number;
}

/** A stable fingerprint of a JSON body. */
export function fingerprintOf(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body) ?? '').digest('base64url');
}

/** The store itself (exported for unit tests). */
export function createIdempotencyStore(now: () => number, maxEntries = IDEMPOTENCY_MAX_ENTRIES): IdempotencyStore {
  const entries = new Map<string, Entry>();

  function sweep(at: number): void {
    for (const [key, entry] of entries) {
      // Insertion order is expiry order (constant TTL): stop at the first live one.
      if (entry.expiresAt > at) break;
      entries.delete(key);
    }
    while (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
  }

  return {
    run<T>(scope: string, key: string, fingerprint: string, work: () => Promise<T>): Promise<T> {
      const at = now();
      const id = `${createHash('sha256').update(scope).digest('base64url')}:${key}`;
      const known = entries.get(id);
      if (known !== undefined && known.expiresAt > at) {
        if (known.fingerprint !== fingerprint) {
          return Promise.reject(new OutcomeError('idempotency-conflict', 'This Idempotency-Key was already used for a different request.'));
        }
        return known.promise as Promise<T>;
      }
      sweep(at);
      const promise = work();
      // Delete first: Map.set on an existing (expired) key would keep its old place in the order.
      entries.delete(id);
      entries.set(id, { fingerprint, promise, expiresAt: at + IDEMPOTENCY_TTL_MS });
      promise.catch((error: unknown) => {
        const transient = !isOutcomeError(error) || error.status >= 500;
        if (transient && entries.get(id)?.promise === promise) entries.delete(id);
      });
      return promise;
    },
    size: () => entries.size,
  };
}

/**
 * Same-instance repeats (a double click) share one promise in memory; with Redis, the first
 * attempt's record is also shared with every other instance (shared-idempotency.ts).
 */
export const idempotencyPlugin = fp(async (app: FastifyInstance) => {
  const local = createIdempotencyStore(() => app.now().getTime());
  const store = sharedStoreOf(app);
  if (store === undefined) {
    app.decorate('idempotency', local);
    return;
  }
  const shared = createSharedIdempotencyStore(store, createKeyring(app.config.sessionKeys), {
    pendingMs: app.config.requestDeadlineMs + 5000,
    now: () => app.now(),
    onStoreError: () => app.telemetry.sharedStoreError('idempotency'),
  });
  app.decorate('idempotency', {
    run: (scope, key, fingerprint, work) => local.run(scope, key, fingerprint, () => shared.run(scope, key, fingerprint, work)),
    size: local.size,
  } satisfies IdempotencyStore);
}, { fastify: '5.x', name: 'itb-idempotency' });
