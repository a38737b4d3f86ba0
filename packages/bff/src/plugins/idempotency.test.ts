import { describe, expect, it } from 'vitest';
import { OutcomeError } from '../errors.js';
import { IDEMPOTENCY_TTL_MS, createIdempotencyStore, fingerprintOf } from './idempotency.js';

describe('idempotency store', () => {
  it('runs the work once for concurrent and later calls with the same key and body', async () => {
    const store = createIdempotencyStore(() => 0);
    let runs = 0;
    const work = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { id: 'a1' };
    };
    const results = await Promise.all(Array.from({ length: 5 }, () => store.run('patient-1', 'k', 'f', work)));
    expect(runs).toBe(1);
    expect(new Set(results).size).toBe(1);
    expect(await store.run('patient-1', 'k', 'f', work)).toEqual({ id: 'a1' });
    expect(runs).toBe(1);
  });

  it('scopes keys per patient and refuses the same key with another body', async () => {
    const store = createIdempotencyStore(() => 0);
    let runs = 0;
    const work = async () => ++runs;
    expect(await store.run('patient-1', 'k', 'f1', work)).toBe(1);
    expect(await store.run('patient-2', 'k', 'f1', work)).toBe(2);
    await expect(store.run('patient-1', 'k', 'f2', work)).rejects.toMatchObject({ reason: 'idempotency-conflict', status: 409 });
    expect(runs).toBe(2);
  });

  it('keeps definitive refusals but forgets transient failures so a retry runs again', async () => {
    const store = createIdempotencyStore(() => 0);
    let runs = 0;
    const refused = async () => {
      runs += 1;
      throw new OutcomeError('slot-taken', 'taken');
    };
    await expect(store.run('p', 'a', 'f', refused)).rejects.toMatchObject({ reason: 'slot-taken' });
    await expect(store.run('p', 'a', 'f', refused)).rejects.toMatchObject({ reason: 'slot-taken' });
    expect(runs).toBe(1);
    const flaky = async () => {
      runs += 1;
      throw new OutcomeError('upstream-unavailable', 'down');
    };
    await expect(store.run('p', 'b', 'f', flaky)).rejects.toMatchObject({ reason: 'upstream-unavailable' });
    await Promise.resolve();
    await expect(store.run('p', 'b', 'f', flaky)).rejects.toMatchObject({ reason: 'upstream-unavailable' });
    expect(runs).toBe(3);
  });

  it('forgets keys after 24 h and stays bounded', async () => {
    let now = 0;
    const store = createIdempotencyStore(() => now, 3);
    let runs = 0;
    const work = async () => ++runs;
    await store.run('p', 'k', 'f', work);
    now = IDEMPOTENCY_TTL_MS + 1;
    expect(await store.run('p', 'k', 'f', work)).toBe(2);
    for (const key of ['a', 'b', 'c', 'd']) await store.run('p', key, 'f', work);
    expect(store.size()).toBeLessThanOrEqual(3);
  });

  it('fingerprints bodies by content', () => {
    expect(fingerprintOf({ a: 1 })).toBe(fingerprintOf({ a: 1 }));
    expect(fingerprintOf({ a: 1 })).not.toBe(fingerprintOf({ a: 2 }));
  });
});
