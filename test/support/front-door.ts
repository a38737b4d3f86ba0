/**
 * A site's front door: one loopback origin whose web server sends `/booking-api/*` to the BFF and
 * everything else to the CMS, as a clinic's nginx or load balancer would (`php -S` cannot proxy).
 * The BFF is then same-site with the pages, which is how the plugin's README tells site owners to
 * run it. Bodies stream both ways; the Host header passes through unchanged, so the CMS sees the
 * front door's host; X-Forwarded-* are the front door's own, never a client's.
 */
import http from 'node:http';
import { pipeline } from 'node:stream';

/** Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are never forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);
const CLIENT_FORWARDING = new Set(['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-forwarded-prefix', 'x-real-ip']);

/** A path prefix (`''` = everything) and where it goes; the prefix is cut off on the way. */
export interface Route {
  readonly prefix: string;
  readonly target: string;
}

export interface FrontDoor {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  stop(): Promise<void>;
}

/** Raw header pairs minus hop-by-hop ones, those `Connection` names, and `drop`. */
function endToEnd(raw: readonly string[], drop: ReadonlySet<string>): string[] {
  const named = new Set<string>();
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() === 'connection') for (const token of raw[i + 1]!.split(',')) named.add(token.trim().toLowerCase());
  }
  const kept: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!HOP_BY_HOP.has(name) && !named.has(name) && !drop.has(name)) kept.push(raw[i]!, raw[i + 1]!);
  }
  return kept;
}

function matches(url: string, prefix: string): boolean {
  return prefix === '' || url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`);
}

/** Listen on 127.0.0.1:`port`; a request goes to the first route whose prefix matches. */
export async function startFrontDoor(port: number, routes: readonly Route[]): Promise<FrontDoor> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const route = routes.find((r) => matches(url, r.prefix));
    if (route === undefined) {
      res.writeHead(404).end();
      return;
    }
    const target = new URL(route.target);
    const rest = url.slice(route.prefix.length);
    const path = `${target.pathname.replace(/\/$/, '')}${rest.startsWith('/') || rest.startsWith('?') ? '' : '/'}${rest}`;
    const headers = endToEnd(req.rawHeaders, CLIENT_FORWARDING);
    headers.push('X-Forwarded-For', req.socket.remoteAddress ?? '', 'X-Forwarded-Proto', 'http', 'X-Forwarded-Host', req.headers.host ?? '');
    if (route.prefix !== '') headers.push('X-Forwarded-Prefix', route.prefix);
    const upstream = http.request({ agent, host: target.hostname, port: target.port, method: req.method, path, headers });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, endToEnd(answer.rawHeaders, new Set()));
      pipeline(answer, res, () => {});
    });
    upstream.on('error', () => {
      if (res.headersSent) res.destroy();
      else res.writeHead(502, { 'content-type': 'text/plain' }).end(`front door: ${route.target} is not reachable`);
    });
    res.on('close', () => { if (!res.writableFinished) upstream.destroy(); });
    pipeline(req, upstream, () => {});
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
