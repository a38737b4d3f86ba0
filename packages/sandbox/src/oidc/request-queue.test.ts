import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createRequestQueue } from './request-queue.js';

describe('createRequestQueue', () => {
  it('starts each request when the one before has answered, and skips a client that left while queued', async () => {
    const queue = createRequestQueue();
    const started: string[] = [];
    const arrived = new Map<string, (res: ServerResponse) => void>();
    const arrival = (path: string) => new Promise<ServerResponse>((resolve) => arrived.set(path, resolve));
    let held: ServerResponse | undefined;
    let holding: () => void = () => undefined;
    const holdStarted = new Promise<void>((resolve) => { holding = resolve; });

    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const path = req.url ?? '';
      arrived.get(path)?.(res);
      queue(res, () => {
        started.push(path);
        if (path === '/hold') {
          held = res;
          holding();
        } else {
          res.end(path);
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const first = fetch(`${base}/hold`).then((r) => r.text());
      await holdStarted;

      const leaver = new AbortController();
      const leaverArrived = arrival('/leave');
      const leaving = fetch(`${base}/leave`, { signal: leaver.signal }).catch(() => 'aborted');
      const leftRes = await leaverArrived;
      const closed = new Promise((resolve) => leftRes.once('close', resolve));
      leaver.abort();
      await closed;

      const thirdArrived = arrival('/third');
      const third = fetch(`${base}/third`).then((r) => r.text());
      await thirdArrived;
      expect(started).toEqual(['/hold']);

      held?.end('held');
      expect(await first).toBe('held');
      expect(await third).toBe('/third');
      expect(await leaving).toBe('aborted');
      expect(started).toEqual(['/hold', '/third']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
