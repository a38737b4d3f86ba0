import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryQueue } from './memory-queue.js';
import { DeliveryError } from './delivery-error.js';
import { attemptsFor, type RetryPolicy } from './retry-policy.js';
import type { DeliveryJob } from './delivery-queue.js';

const POLICY: RetryPolicy = { firstMs: 100, maxMs: 400, forMs: 1000 };

function job(id = 'msg_1', target: DeliveryJob['target'] = 'webhook:abc'): DeliveryJob {
  return { target, event: { id, type: 'booking.created', timestamp: '2026-09-15T08:00:00.000Z', data: { appointmentId: 'a1', status: 'booked' } } };
}

/** A queue whose handler fails `failures` times (with `error`), recording each try's attempt and time. */
function queueFailing(failures: number, error: () => unknown = () => new DeliveryError('the receiver answered HTTP 503', { status: 503 })) {
  const tries: Array<{ attempt: number; at: number }> = [];
  const failed: Array<{ attempt: number; final: boolean; reason: unknown }> = [];
  const queue = createMemoryQueue({
    policy: POLICY,
    async handler(_job, attempt) {
      tries.push({ attempt, at: Date.now() });
      if (tries.length <= failures) throw error();
    },
    onFailure(_job, attempt, reason, final) {
      failed.push({ attempt, final, reason });
    },
  });
  return { queue, tries, failed };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the in-memory delivery queue', () => {
  it('tries after the caller has gone on, and retries after the policy\'s doubling waits', async () => {
    const { queue, tries, failed } = queueFailing(3);
    await queue.add(job());
    expect(tries).toEqual([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(tries).toEqual([{ attempt: 1, at: 0 }]);
    await vi.advanceTimersByTimeAsync(99);
    expect(tries).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(tries).toEqual([{ attempt: 1, at: 0 }, { attempt: 2, at: 100 }, { attempt: 3, at: 300 }, { attempt: 4, at: 700 }]);
    expect(failed.map((f) => [f.attempt, f.final])).toEqual([[1, false], [2, false], [3, false]]);
    expect(await queue.deadLetterCount()).toBe(0);
    await queue.close();
  });

  it('dead-letters a job after the policy\'s last try, telling the listener it was final', async () => {
    const { queue, tries, failed } = queueFailing(Infinity);
    await queue.add(job());
    await vi.advanceTimersByTimeAsync(10_000);
    const attempts = attemptsFor(POLICY);
    expect(tries.map((t) => t.attempt)).toEqual(Array.from({ length: attempts }, (_, i) => i + 1));
    expect(failed.at(-1)).toMatchObject({ attempt: attempts, final: true });
    expect(failed.filter((f) => f.final)).toHaveLength(1);
    expect(tries.at(-1)!.at - tries[0]!.at).toBeGreaterThanOrEqual(POLICY.forMs);
    expect(await queue.deadLetterCount()).toBe(1);
    expect(queue.deadLetters()).toEqual([job()]);
    await queue.close();
  });

  it('does not retry a permanent failure', async () => {
    const { queue, tries, failed } = queueFailing(Infinity, () => new DeliveryError('the webhook endpoint is no longer configured', { permanent: true }));
    await queue.add(job());
    await vi.advanceTimersByTimeAsync(10_000);
    expect(tries).toHaveLength(1);
    expect(failed).toMatchObject([{ attempt: 1, final: true }]);
    expect(await queue.deadLetterCount()).toBe(1);
    await queue.close();
  });

  it('queues the same job (event and target) once while it is pending, and other targets apart', async () => {
    const { queue, tries } = queueFailing(1);
    await queue.add(job('msg_1'));
    await queue.add(job('msg_1'));
    await vi.advanceTimersByTimeAsync(0);
    // Added again while waiting for its retry: still one job.
    await queue.add(job('msg_1'));
    await queue.add(job('msg_1', 'registry'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(tries.map((t) => t.attempt)).toEqual([1, 1, 2]);
    await queue.close();
  });

  it('stops its timers on close, lets a try under way finish, and takes no more jobs', async () => {
    let release: () => void = () => undefined;
    let calls = 0;
    const queue = createMemoryQueue({
      policy: POLICY,
      handler: async (delivery) => {
        calls += 1;
        if (delivery.event.id === 'msg_slow') await new Promise<void>((resolve) => { release = resolve; });
        else throw new DeliveryError('the receiver could not be reached');
      },
      onFailure: () => undefined,
    });
    await queue.add(job('msg_failing'));
    await queue.add(job('msg_slow'));
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(2);
    expect(vi.getTimerCount()).toBe(1);

    let closed = false;
    const closing = queue.close().then(() => { closed = true; });
    await vi.advanceTimersByTimeAsync(0);
    expect(closed).toBe(false);
    release();
    await closing;
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(2);
    await expect(queue.add(job('msg_later'))).rejects.toThrow(/closed/);
  });

  it('leaves no timer behind when a try under way at close fails', async () => {
    let fail: () => void = () => undefined;
    const queue = createMemoryQueue({
      policy: POLICY,
      handler: () => new Promise<void>((_resolve, reject) => { fail = () => reject(new DeliveryError('the receiver did not answer in time')); }),
      onFailure: () => undefined,
    });
    await queue.add(job());
    await vi.advanceTimersByTimeAsync(0);
    const closing = queue.close();
    fail();
    await closing;
    // A retry timer set after close would keep the process alive for up to ITB_EVENTS_RETRY_MAX_MS.
    expect(vi.getTimerCount()).toBe(0);
  });
});
