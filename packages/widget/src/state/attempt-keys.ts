/**
 * Idempotency keys for `$book`: a lost answer must never turn a retry into a second booking (or a
 * second cancellation), so the same request body keeps its key until the attempt is settled.
 * @module
 */
export interface AttemptKeys {
  /** The key for this exact request body: reused when the same attempt is retried, new otherwise. */
  keyFor(body: string): string;
  /** The attempt is over (it succeeded, or its time is gone): the next body gets a new key even if equal. */
  settle(): void;
}

export function createAttemptKeys(newKey: () => string = () => crypto.randomUUID()): AttemptKeys {
  let attempt: { body: string; key: string } | undefined;
  return {
    keyFor(body) {
      if (attempt?.body !== body) attempt = { body, key: newKey() };
      return attempt.key;
    },
    settle() {
      attempt = undefined;
    },
  };
}
