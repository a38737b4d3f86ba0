/**
 * Listening on loopback for both names a browser may use: `localhost` (which Chromium may try on
 * ::1 first) and `127.0.0.1` (the cross-site demo's other hostname). With port 0 the same number
 * must be free on both addresses, else `localhost` could reach someone else's server on ::1.
 * @module
 */
import http from 'node:http';

function listenOne(handler, host, port) {
  return new Promise((resolve, reject) => {
    const server = http.createServer(handler);
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function closeQuietly(server) {
  return new Promise((done) => server.close(() => done()));
}

/** @returns {Promise<{ port: number, servers: http.Server[] }>} */
export async function listenOnLoopback(handler, wanted) {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const v4 = await listenOne(handler, '127.0.0.1', wanted);
    const port = v4.address().port;
    try {
      const v6 = await listenOne(handler, '::1', port);
      return { port, servers: [v4, v6] };
    } catch (error) {
      // No IPv6 on this machine: localhost can only mean 127.0.0.1 then.
      if (error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT') return { port, servers: [v4] };
      await closeQuietly(v4);
      if (wanted !== 0) throw error;
    }
  }
  throw new Error('No port free on both 127.0.0.1 and ::1');
}
