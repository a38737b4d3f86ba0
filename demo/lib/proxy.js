/**
 * Reverse proxy for `/booking-api/*` → the BFF, so the BFF is same-site (same origin, even) with the
 * clinic pages and its session cookie is first-party. Bodies stream both ways; Set-Cookie and every
 * other end-to-end header pass through untouched. This server is the edge, so the X-Forwarded-*
 * headers it sends are its own: whatever a client claims in them is dropped, which is what makes it
 * safe for the BFF to trust them (ITB_TRUST_PROXY).
 * @module
 */
import http from 'node:http';
import { pipeline } from 'node:stream';
import { sendOutcome } from './outcome.js';

/** Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are never forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

function connectionTokens(value) {
  return String(value ?? '').split(',').map((token) => token.trim().toLowerCase()).filter(Boolean);
}

/** Flat raw header list (keeps repeated Set-Cookie lines apart) minus hop-by-hop and `drop` names. */
function endToEnd(rawHeaders, drop) {
  const named = new Set();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i].toLowerCase() === 'connection') for (const token of connectionTokens(rawHeaders[i + 1])) named.add(token);
  }
  const out = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    if (HOP_BY_HOP.has(name) || named.has(name) || drop.has(name)) continue;
    out.push(rawHeaders[i], rawHeaders[i + 1]);
  }
  return out;
}

const CLIENT_FORWARDING = new Set(['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-forwarded-prefix', 'x-real-ip']);

/**
 * @param {{ prefix: string, target: () => (URL | undefined) }} options `target` is read per request,
 *   so a stack can start the demo first (its port goes into the BFF's redirect URI) and point it at
 *   the BFF once that listens.
 * @returns {(req: http.IncomingMessage, res: http.ServerResponse) => void}
 */
export function createProxy(options) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const handler = (req, res) => {
    const target = options.target();
    if (target === undefined) {
      sendOutcome(res, 503, 'upstream-unavailable', 'The booking service is starting; try again in a moment.');
      return;
    }
    const rest = req.url.slice(options.prefix.length);
    const path = `${target.pathname.replace(/\/$/, '')}${rest.startsWith('/') || rest.startsWith('?') ? '' : '/'}${rest}`;
    const headers = endToEnd(req.rawHeaders, CLIENT_FORWARDING);
    const proto = req.socket.encrypted ? 'https' : 'http';
    headers.push(
      'X-Forwarded-For', req.socket.remoteAddress ?? '',
      'X-Forwarded-Proto', proto,
      'X-Forwarded-Host', req.headers.host ?? '',
      'X-Forwarded-Prefix', options.prefix,
    );
    const upstream = http.request({ agent, host: target.hostname, port: target.port, method: req.method, path, headers });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, endToEnd(answer.rawHeaders, new Set()));
      pipeline(answer, res, () => {});
    });
    upstream.on('error', () => {
      if (!res.headersSent) sendOutcome(res, 502, 'upstream-unavailable', 'The booking service is not reachable.');
      else res.destroy();
    });
    // A browser that goes away (navigation, closed tab) should not leave the BFF working for nobody.
    res.on('close', () => { if (!res.writableFinished) upstream.destroy(); });
    pipeline(req, upstream, () => {});
  };
  handler.close = () => agent.destroy();
  return handler;
}
