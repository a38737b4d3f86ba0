/**
 * A round-robin reverse proxy for tests of several BFF instances, with the X-Forwarded-* headers of
 * the nginx block in the BFF README. It keeps the client's Host (`proxy_set_header Host $host`, not
 * proxy_pass's default of the target's address): the BFF builds its URLs from ITB_PUBLIC_URL, so
 * Host only reaches its Host checks and logs, which should see the address the client used.
 * Not part of the build.
 * @module
 */
import { Agent, createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What {@link startRoundRobinProxy} returns. */
export interface RoundRobinProxy {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Requests sent to each target so far, in the order of `targets` (failed ones included). */
  hits(): number[];
  /** Point target `index` at `origin` (e.g. once a server listening on port 0 knows its port). */
  retarget(index: number, origin: string): void;
  /** Stop listening and cut every connection, both sides (idempotent). */
  close(): Promise<void>;
}

// RFC 9110 §7.6.1: these describe one connection, not the message, so a proxy must not forward them.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const named = new Set(String(headers.connection ?? '').split(',').map((token) => token.trim().toLowerCase()));
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name) && !named.has(name)));
}

/**
 * Listen on a free loopback port and forward each request to the next of `targets` (origins such as
 * `http://127.0.0.1:4021`); a target that cannot be reached gets the client a 502.
 * Targets need not be up yet, so a caller can start the proxy first and give its URL to the servers.
 */
export async function startRoundRobinProxy(targets: readonly string[]): Promise<RoundRobinProxy> {
  if (targets.length === 0) throw new Error('startRoundRobinProxy needs at least one target');
  const upstreams = targets.map((target) => new URL(target));
  const counts = upstreams.map(() => 0);
  // A connection per request, as nginx's default upstream HTTP/1.0 does (no stale keep-alive socket
  // to a stopped instance); our own agent, so close() can also cut requests still in flight.
  const agent = new Agent({ keepAlive: false });
  let turn = 0;
  const server = createServer((req, res) => {
    const index = turn;
    turn = (turn + 1) % upstreams.length;
    counts[index] = (counts[index] ?? 0) + 1;
    const target = upstreams[index] as URL;
    const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const headers = {
      ...endToEnd(req.headers),
      'x-forwarded-for': forwardedFor,
      'x-forwarded-proto': 'http',
      ...(req.headers.host === undefined ? {} : { 'x-forwarded-host': req.headers.host }),
    };
    const upstream = request({ agent, hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.headers));
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      if (res.headersSent) res.destroy(error);
      else res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' }).end(`bad gateway: ${target.host} is not answering\n`);
    });
    // A client that hangs up mid-request must not leave the upstream request running.
    res.on('close', () => { if (!res.writableFinished) upstream.destroy(); });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hits: () => [...counts],
    retarget(index, origin) {
      if (index < 0 || index >= upstreams.length) throw new Error(`no target ${index}`);
      upstreams[index] = new URL(origin);
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      });
      return closed;
    },
  };
}
