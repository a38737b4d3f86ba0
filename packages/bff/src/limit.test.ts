import { describe, expect, it } from 'vitest';
import { createLimiter } from './limit.js';

describe('createLimiter', () => {
  it('never runs more than the limit at once and runs everything', async () => {
    const limit = createLimiter(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => limit(async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 2 + (i % 3)));
      running -= 1;
      return i;
    })));
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('frees the slot when a task fails', async () => {
    const limit = createLimiter(1);
    await expect(limit(async () => { throw new Error('x'); })).rejects.toThrow('x');
    await expect(limit(async () => 'ok')).resolves.toBe('ok');
  });
});

describe('createLimiter with a signal', () => {
  it('lets a waiting task whose signal aborts leave the queue without taking a slot', async () => {
    const limit = createLimiter(1);
    let release: () => void = () => undefined;
    const first = limit(() => new Promise<string>((resolve) => { release = () => resolve('first'); }));
    const controller = new AbortController();
    const waiting = limit(async () => 'never', controller.signal);
    controller.abort(new Error('deadline'));
    await expect(waiting).rejects.toThrow('deadline');
    const next = limit(async () => 'next');
    release();
    await expect(first).resolves.toBe('first');
    await expect(next).resolves.toBe('next');
  });

  it('refuses a task whose signal has already aborted', async () => {
    await expect(createLimiter(1)(async () => 'x', AbortSignal.abort(new Error('late')))).rejects.toThrow('late');
  });
});
