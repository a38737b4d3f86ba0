/**
 * How long failed deliveries (webhooks, registry writes) wait before the next try: the first wait,
 * doubled each time up to a ceiling, for at least a given span; then the delivery is dead-lettered.
 * One policy for the Redis queue and the in-memory one.
 * @module
 */

export interface RetryPolicy {
  /** Wait before the first retry. */
  readonly firstMs: number;
  /** Longest wait between two tries. */
  readonly maxMs: number;
  /** Keep retrying for at least this long after the first try. */
  readonly forMs: number;
}

/** The wait before retry number `retry` (1 = the first retry). */
export function retryDelayMs(retry: number, policy: RetryPolicy): number {
  const doubled = policy.firstMs * 2 ** Math.min(Math.max(retry - 1, 0), 40);
  return Math.min(doubled, policy.maxMs);
}

/** Tries in all (the first one included) so that the waits between them add up to at least `forMs`. */
export function attemptsFor(policy: RetryPolicy): number {
  let waited = 0;
  let attempts = 1;
  while (waited < policy.forMs) {
    waited += retryDelayMs(attempts, policy);
    attempts += 1;
  }
  return attempts;
}
