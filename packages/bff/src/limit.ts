/**
 * A tiny concurrency limiter (p-limit's idea in a dozen lines): at most `concurrency` tasks run at
 * once, the rest wait in order. A waiting task whose `signal` aborts leaves the queue at once, so
 * a request past its deadline never holds a place in line.
 * @module
 */

/** Run `task` when a slot is free (or reject with `signal.reason` if it aborts first). */
export type Limiter = <T>(task: () => Promise<T>, signal?: AbortSignal) => Promise<T>;

/** Create a limiter allowing `concurrency` (≥ 1) tasks at once. */
export function createLimiter(concurrency: number): Limiter {
  const limit = Math.max(1, Math.floor(concurrency));
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    running -= 1;
    waiting.shift()?.();
  };
  const turn = (signal: AbortSignal | undefined): Promise<void> => new Promise<void>((resolve, reject) => {
    const go = (): void => {
      signal?.removeEventListener('abort', leave);
      resolve();
    };
    const leave = (): void => {
      const at = waiting.indexOf(go);
      if (at >= 0) waiting.splice(at, 1);
      reject(signal?.reason);
    };
    waiting.push(go);
    signal?.addEventListener('abort', leave, { once: true });
  });
  return async <T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> => {
    signal?.throwIfAborted();
    if (running >= limit) await turn(signal);
    running += 1;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
