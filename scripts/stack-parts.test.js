import { readFileSync } from 'node:fs';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from './stack-parts.js';

const ephemeralLow = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);

describe('freePort', () => {
  it('hands out distinct ports below the kernel\'s own range, even to concurrent callers, each one listenable', async () => {
    const ports = await Promise.all(Array.from({ length: 40 }, () => freePort()));
    expect(new Set(ports).size).toBe(40);
    expect(ports.every((port) => port >= 1024 && port < ephemeralLow)).toBe(true);
    // The kernel's own picks (listen on 0, outgoing connections) come from the range above them.
    const kernel = net.createServer();
    await new Promise((resolve) => kernel.listen(0, '127.0.0.1', resolve));
    expect(kernel.address().port).toBeGreaterThanOrEqual(ephemeralLow);
    await new Promise((resolve) => kernel.close(resolve));
    for (const port of ports.slice(0, 5)) {
      const server = net.createServer();
      await new Promise((resolve, reject) => { server.once('error', reject); server.listen(port, '127.0.0.1', resolve); });
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
