// Puts the BFF under `/booking-api/*` on the wtr dev server's own origin, so the test page and the
// BFF share one origin and the session cookie is first-party (design §Decisions: same-site default).
// It sits in front of the dev server's Koa app, as an agency's edge proxy would: the dev server never
// sees these requests (otherwise it would report every API 404 as a missing file). It drops any
// X-Forwarded-* a client sent and adds its own.
import http from 'node:http';
import { pipeline } from 'node:stream';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);
const CLIENT_FORWARDING = new Set(['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-forwarded-prefix', 'x-real-ip']);

function endToEnd(rawHeaders, drop) {
  const out = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    if (HOP_BY_HOP.has(name) || drop.has(name)) continue;
    out.push(rawHeaders[i], rawHeaders[i + 1]);
  }
  return out;
}

/** @param {{ prefix: string, target: URL }} options */
export function bffProxy({ prefix, target }) {
  const agent = new http.Agent({ keepAlive: true });
  const base = target.pathname.replace(/\/$/, '');
  const host = target.hostname.replace(/^\[|\]$/g, '');

  function forward(req, res) {
    const headers = endToEnd(req.rawHeaders, CLIENT_FORWARDING);
    headers.push('X-Forwarded-For', req.socket.remoteAddress ?? '', 'X-Forwarded-Proto', 'http', 'X-Forwarded-Host', req.headers.host ?? '', 'X-Forwarded-Prefix', prefix);
    const upstream = http.request({ agent, host, port: target.port, method: req.method, path: `${base}${req.url.slice(prefix.length)}`, headers });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, endToEnd(answer.rawHeaders, new Set()));
      pipeline(answer, res, () => {});
    });
    upstream.on('error', () => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(502, { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient', diagnostics: 'BFF not reachable' }] }));
    });
    res.on('close', () => { if (!res.writableFinished) upstream.destroy(); });
    pipeline(req, upstream, () => {});
  }

  const isBff = (url) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`);

  /** A wtr plugin: route BFF requests before the dev server's own request listener sees them. */
  const plugin = {
    name: 'itb-bff-proxy',
    serverStart({ server }) {
      const devServer = server.listeners('request');
      server.removeAllListeners('request');
      server.on('request', (req, res) => {
        if (isBff(req.url ?? '')) forward(req, res);
        else for (const listener of devServer) listener.call(server, req, res);
      });
    },
  };
  return { plugin, close: () => agent.destroy() };
}
