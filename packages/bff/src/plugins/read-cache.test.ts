import { describe, expect, it } from 'vitest';
import { createReadCache } from './read-cache.js';

function setup(ttlMs = 1000, staleMs = 1000, maxEntries = 10) {
  let now = 1_000_000;
  const errors: string[] = [];
  const cache = createReadCache<string>({ ttlMs, staleMs, maxEntries, clock: () => now, onRefreshError: (key) => errors.push(key) });
  let calls = 0;
  const loader = (value: string) => async () => {
    calls += 1;
    await new Promise((r) => setTimeout(r, 5));
    return value;
  };
  return { cache, loader, errors, calls: () => calls, advance: (ms: number) => { now += ms; } };
}

describe('read cache', () => {
  it('coalesces concurrent identical loads into one', async () => {
    const t = setup();
    const hits = await Promise.all(Array.from({ length: 50 }, () => t.cache.get('k', t.loader('v'))));
    expect(t.calls()).toBe(1);
    expect(hits.every((h) => h.value === 'v' && h.fresh)).toBe(true);
  });

  it('serves fresh values, then stale while refreshing once, then reloads after expiry', async () => {
    const t = setup();
    await t.cache.get('k', t.loader('v1'));
    t.advance(500);
    expect((await t.cache.get('k', t.loader('unused'))).value).toBe('v1');
    expect(t.calls()).toBe(1);
    t.advance(600);
    const [a, b] = await Promise.all([t.cache.get('k', t.loader('v2')), t.cache.get('k', t.loader('v2'))]);
    expect([a.value, a.fresh, b.value]).toEqual(['v1', false, 'v1']);
    // The one background refresh lands; until then reads keep getting v1 without loading again.
    await expect.poll(async () => (await t.cache.get('k', t.loader('v3'))).value).toBe('v2');
    expect(t.calls()).toBe(2);
    t.advance(5000);
    expect((await t.cache.get('k', t.loader('v3'))).value).toBe('v3');
    expect(t.calls()).toBe(3);
  });

  it('never caches failures and keeps serving stale when a background refresh fails', async () => {
    const t = setup();
    const failing = async (): Promise<string> => { throw new Error('down'); };
    await expect(t.cache.get('k', failing)).rejects.toThrow('down');
    expect(t.cache.size).toBe(0);
    await t.cache.get('k', t.loader('v1'));
    t.advance(1500);
    expect((await t.cache.get('k', failing)).value).toBe('v1');
    await expect.poll(() => t.errors).toEqual(['k']);
    expect((await t.cache.get('k', t.loader('v2'))).value).toBe('v1');
  });

  it('with ttl 0 stores nothing but still coalesces', async () => {
    const t = setup(0, 0);
    await Promise.all([t.cache.get('k', t.loader('a')), t.cache.get('k', t.loader('a'))]);
    expect(t.calls()).toBe(1);
    expect(t.cache.size).toBe(0);
    await t.cache.get('k', t.loader('b'));
    expect(t.calls()).toBe(2);
  });

  it('drops the least recently used entry beyond its bound', async () => {
    const t = setup(10_000, 0, 2);
    await t.cache.get('a', t.loader('a'));
    await t.cache.get('b', t.loader('b'));
    await t.cache.get('a', t.loader('a'));
    await t.cache.get('c', t.loader('c'));
    expect(t.cache.size).toBe(2);
    await t.cache.get('a', t.loader('a2'));
    expect(t.calls()).toBe(3);
    expect((await t.cache.get('b', t.loader('b2'))).value).toBe('b2');
  });

  it('reports remaining fresh seconds for Cache-Control', async () => {
    const t = setup(60_000, 60_000);
    const hit = await t.cache.get('k', t.loader('v'));
    t.advance(15_500);
    expect(t.cache.remainingFreshSeconds(hit.loadedAt)).toBe(44);
    t.advance(100_000);
    expect(t.cache.remainingFreshSeconds(hit.loadedAt)).toBe(0);
  });
});
