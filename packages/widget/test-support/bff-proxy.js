// Koa middleware for the wtr dev server: `/booking-api/*` → the BFF, so the test page and the BFF
// share one origin and the session cookie is first-party (design §Decisions: same-site default).
// It is the edge, so it drops any X-Forwarded-* a client sent and adds its own.
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
  async function middleware(ctx, next) {
    if (ctx.path !== prefix && !ctx.path.startsWith(`${prefix}/`)) return next();
    // Hand the raw request to Node: Koa must neither buffer nor compress the answer.
    ctx.respond = false;
    const { req, res } = ctx;
    await new Promise((resolve) => {
      const headers = endToEnd(req.rawHeaders, CLIENT_FORWARDING);
      headers.push('X-Forwarded-For', req.socket.remoteAddress ?? '', 'X-Forwarded-Proto', 'http', 'X-Forwarded-Host', req.headers.host ?? '', 'X-Forwarded-Prefix', prefix);
      const upstream = http.request({ agent, host: target.hostname.replace(/^\[|\]$/g, ''), port: target.port, method: req.method, path: `${base}${req.url.slice(prefix.length)}`, headers });
      upstream.on('response', (answer) => {
        res.writeHead(answer.statusCode ?? 502, endToEnd(answer.rawHeaders, new Set()));
        pipeline(answer, res, () => resolve());
      });
      upstream.on('error', () => {
        if (!res.headersSent) {
          res.writeHead(502, { 'content-type': 'application/fhir+json' });
          res.end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient', diagnostics: 'BFF not reachable' }] }));
        } else res.destroy();
        resolve();
      });
      res.on('close', () => { if (!res.writableFinished) upstream.destroy(); resolve(); });
      pipeline(req, upstream, () => {});
    });
  }
  return { middleware, close: () => agent.destroy() };
}
