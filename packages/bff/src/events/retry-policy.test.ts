import { describe, expect, it } from 'vitest';
import { attemptsFor, retryDelayMs, type RetryPolicy } from './retry-policy.js';

/** The defaults of ITB_EVENTS_RETRY_FIRST_MS, _MAX_MS and _FOR_SECONDS. */
const DEFAULTS: RetryPolicy = { firstMs: 10_000, maxMs: 3_600_000, forMs: 86_400_000 };

/** The waits between `attempts` tries. */
function waits(attempts: number, policy: RetryPolicy): number[] {
  return Array.from({ length: attempts - 1 }, (_, i) => retryDelayMs(i + 1, policy));
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('retryDelayMs', () => {
  it('waits the first delay, then doubles it up to the ceiling', () => {
    expect(waits(12, DEFAULTS).map((ms) => ms / 1000)).toEqual([10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600]);
  });

  it('stays at the ceiling however many retries there were', () => {
    for (const retry of [10, 41, 100, 10_000]) expect(retryDelayMs(retry, DEFAULTS)).toBe(3_600_000);
  });

  it('never waits less than the first delay or more than the ceiling, even when the first exceeds it', () => {
    expect(retryDelayMs(0, DEFAULTS)).toBe(10_000);
    expect(retryDelayMs(1, { firstMs: 500, maxMs: 100, forMs: 1000 })).toBe(100);
  });
});

describe('attemptsFor', () => {
  it('keeps the defaults retrying for at least 24 hours, and not a try longer than needed', () => {
    const attempts = attemptsFor(DEFAULTS);
    expect(sum(waits(attempts, DEFAULTS))).toBeGreaterThanOrEqual(86_400_000);
    expect(sum(waits(attempts - 1, DEFAULTS))).toBeLessThan(86_400_000);
    // 10 s … 2560 s (9 waits, 5110 s), then 23 hourly ones.
    expect(attempts).toBe(33);
  });

  it('covers short spans the same way', () => {
    const policy = { firstMs: 20, maxMs: 100, forMs: 1000 };
    const attempts = attemptsFor(policy);
    expect(sum(waits(attempts, policy))).toBeGreaterThanOrEqual(1000);
    expect(sum(waits(attempts - 1, policy))).toBeLessThan(1000);
  });

  it('tries once when there is no span to retry in', () => {
    expect(attemptsFor({ firstMs: 10, maxMs: 10, forMs: 0 })).toBe(1);
  });
});
