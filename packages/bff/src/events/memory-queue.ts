/**
 * The in-memory delivery queue: the same retry policy as the Redis one, timers instead of Redis.
 * For a single instance without Redis; jobs waiting for a retry are lost when the process ends.
 * @module
 */
import { attemptsFor, retryDelayMs, type RetryPolicy } from './retry-policy.js';
import { DeliveryError } from './delivery-error.js';
import { jobIdOf, type DeliveryHandler, type DeliveryJob, type DeliveryQueue, type FailureListener } from './delivery-queue.js';

/** Dead letters kept in memory (the oldest go first): enough to inspect, bounded against a flood. */
const DEAD_LETTERS_KEPT = 1000;

export function createMemoryQueue(options: { handler: DeliveryHandler; policy: RetryPolicy; onFailure: FailureListener }): DeliveryQueue & { deadLetters(): readonly DeliveryJob[] } {
  const attempts = attemptsFor(options.policy);
  const pending = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  const dead: DeliveryJob[] = [];
  let deadCount = 0;
  let closed = false;

  function later(job: DeliveryJob, attempt: number, delayMs: number): void {
    if (closed) return; // a try that was under way at close() must not leave a timer holding the process
    const timer = setTimeout(() => {
      timers.delete(timer);
      start(job, attempt);
    }, delayMs);
    timers.add(timer);
  }

  function start(job: DeliveryJob, attempt: number): void {
    if (closed) return;
    const run = tryOnce(job, attempt).finally(() => running.delete(run));
    running.add(run);
  }

  async function tryOnce(job: DeliveryJob, attempt: number): Promise<void> {
    try {
      await options.handler(job, attempt);
      pending.delete(jobIdOf(job));
    } catch (error) {
      const final = attempt >= attempts || (error instanceof DeliveryError && error.permanent);
      options.onFailure(job, attempt, error, final);
      if (!final) {
        later(job, attempt + 1, retryDelayMs(attempt, options.policy));
        return;
      }
      pending.delete(jobIdOf(job));
      deadCount += 1;
      dead.push(job);
      if (dead.length > DEAD_LETTERS_KEPT) dead.shift();
    }
  }

  return {
    kind: 'memory',
    async add(job) {
      if (closed) throw new Error('the delivery queue is closed');
      const id = jobIdOf(job);
      if (pending.has(id)) return;
      pending.add(id);
      // Never on the caller's stack: the booking answer does not wait for a delivery.
      later(job, 1, 0);
    },
    async deadLetterCount() {
      return deadCount;
    },
    deadLetters: () => [...dead],
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
}
