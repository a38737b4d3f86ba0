/**
 * Idempotency records on Redis, so a retry of `$book` that lands on another instance gets the
 * first attempt's answer (or waits for it while it runs) instead of a second booking. A record is
 * `pending` while the first attempt runs (for at most a request deadline, so a crashed instance
 * does not block the key), then `done` with the answer sealed with the session keys (it names the
 * patient), or `failed` with a definitive refusal; a transient failure removes it so a retry runs.
 * While Redis is unreachable, bookings are refused (503) rather than risk a double.
 * @module
 */
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { isReasonCode } from '@itb/shared';
import { OutcomeError, isOutcomeError } from '../errors.js';
import type { Keyring } from '../session/seal.js';
import { IDEMPOTENCY_TTL_MS, type IdempotencyStore } from './idempotency.js';
import type { SharedStore } from './shared-store.js';

/** How often a retry looks at a record another instance is still working on. */
const POLL_MS = 50;

const recordSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('pending'), fingerprint: z.string() }),
  z.object({ state: z.literal('done'), fingerprint: z.string(), sealed: z.string() }),
  z.object({ state: z.literal('failed'), fingerprint: z.string(), reason: z.string(), diagnostics: z.string(), detail: z.string().optional() }),
]);
type IdempotencyRecord = z.infer<typeof recordSchema>;

function unavailable(cause: unknown): OutcomeError {
  return new OutcomeError('temporarily-unavailable', 'Booking is briefly unavailable; try again in a moment.', { cause });
}

/** The shared layer; put an in-memory store in front of it for same-instance repeats. */
export function createSharedIdempotencyStore(store: SharedStore, keyring: Keyring, options: { pendingMs: number; now: () => Date; onStoreError?: () => void }): IdempotencyStore {
  const { redis } = store;

  async function read(redisKey: string): Promise<IdempotencyRecord | undefined> {
    const text = await redis.get(redisKey);
    if (text === null) return undefined;
    const parsed = recordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  }

  async function settle<T>(redisKey: string, fingerprint: string, work: () => Promise<T>): Promise<T> {
    let value: T;
    try {
      value = await work();
    } catch (error) {
      const definitive = isOutcomeError(error) && error.status < 500;
      const record: IdempotencyRecord | undefined = definitive
        ? { state: 'failed', fingerprint, reason: error.reason, diagnostics: error.diagnostics, ...(error.detail === undefined ? {} : { detail: error.detail }) }
        : undefined;
      await (record === undefined ? redis.del(redisKey) : redis.set(redisKey, JSON.stringify(record), 'PX', IDEMPOTENCY_TTL_MS)).catch(() => undefined);
      throw error;
    }
    const now = options.now();
    const sealed = await keyring.seal({ value }, { purpose: 'itb-idempotent-result', expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS), now });
    // Booked: the patient gets the answer even if it cannot be recorded (the upstream lookup in
    // book-flow.ts still finds this booking for a retry).
    await redis.set(redisKey, JSON.stringify({ state: 'done', fingerprint, sealed } satisfies IdempotencyRecord), 'PX', IDEMPOTENCY_TTL_MS).catch(() => undefined);
    return value;
  }

  async function replay<T>(record: IdempotencyRecord & { state: 'done' | 'failed' }): Promise<T> {
    if (record.state === 'failed') {
      const reason = isReasonCode(record.reason) ? record.reason : 'unknown';
      throw new OutcomeError(reason, record.diagnostics, record.detail === undefined ? undefined : { detail: record.detail });
    }
    const opened = await keyring.open(record.sealed, { purpose: 'itb-idempotent-result', now: options.now() });
    if (opened === undefined) throw unavailable(new Error('an idempotency record could not be opened (session keys rotated out?)'));
    return opened.payload['value'] as T;
  }

  return {
    async run<T>(scope: string, key: string, fingerprint: string, work: () => Promise<T>): Promise<T> {
      const redisKey = store.key('idempotency', store.digest(scope), store.digest(key));
      const giveUpAt = Date.now() + options.pendingMs;
      for (;;) {
        let claimed: boolean;
        let record: IdempotencyRecord | undefined;
        try {
          claimed = await redis.set(redisKey, JSON.stringify({ state: 'pending', fingerprint } satisfies IdempotencyRecord), 'PX', options.pendingMs, 'NX') === 'OK';
          record = claimed ? undefined : await read(redisKey);
        } catch (error) {
          options.onStoreError?.();
          throw unavailable(error);
        }
        if (claimed) return settle(redisKey, fingerprint, work);
        if (record !== undefined && record.fingerprint !== fingerprint) {
          throw new OutcomeError('idempotency-conflict', 'This Idempotency-Key was already used for a different request.');
        }
        if (record?.state === 'done' || record?.state === 'failed') return replay<T>(record);
        if (Date.now() >= giveUpAt) {
          throw new OutcomeError('idempotency-conflict', 'A request with this Idempotency-Key is still being processed; try again shortly.');
        }
        await delay(POLL_MS);
      }
    },
    size: () => 0,
  };
}
