/**
 * A tiny concurrency limiter (p-limit's idea in a dozen lines): at most `concurrency` tasks run at
 * once, the rest wait in order.
 * @module
 */

/** Run `task` when a slot is free. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** Create a limiter allowing `concurrency` (≥ 1) tasks at once. */
export function createLimiter(concurrency: number): Limiter {
  const limit = Math.max(1, Math.floor(concurrency));
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    running -= 1;
    waiting.shift()?.();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
