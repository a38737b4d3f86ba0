#!/usr/bin/env node
/**
 * The demo clinic site's web server: the static pages in `site/`, the built widget under `/widget/`,
 * and the BFF behind `/booking-api/` on the same origin, so the session cookie is first-party
 * (design §Decisions: same-site deployment is the default). Plain node:http on purpose: this is
 * what an agency's own web server or reverse proxy does, with nothing to learn.
 *
 *   node demo/server.js          ITB_DEMO_PORT (4030), ITB_DEMO_BFF_URL (http://localhost:4020)
 * @module
 */
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { createProxy } from './lib/proxy.js';
import { serveFile } from './lib/static.js';
import { widgetCacheControl } from './lib/cache-policy.js';
import { sendOutcome } from './lib/outcome.js';
import { listenOnLoopback } from './lib/listen.js';

const SITE_DIR = fileURLToPath(new URL('./site/', import.meta.url));
const WIDGET_DIR = fileURLToPath(new URL('../packages/widget/dist/', import.meta.url));
/** Where the BFF appears on the demo origin; ITB_PUBLIC_URL ends with it. */
export const BFF_PREFIX = '/booking-api';
/** The demo's port unless ITB_DEMO_PORT says otherwise (design §Fixed interfaces). */
export const DEFAULT_PORT = 4030;
const DEMO_HOSTS = new RegExp(`\\b(localhost|127\\.0\\.0\\.1):${DEFAULT_PORT}\\b`, 'g');

/** The headers every page (HTML) carries: the widget must work under a policy an agency would ship. */
function pageHeaders(port) {
  const origins = `http://localhost:${port} http://127.0.0.1:${port}`;
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      // Lit adopts constructable stylesheets; the inline allowance covers browsers that fall back to <style>.
      "style-src 'self' 'unsafe-inline'",
      // Photos come from the BFF at their own URLs (never data:), same-site or the cross-site page's BFF.
      `img-src 'self' ${origins}`,
      `connect-src 'self' ${origins}`,
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  };
}

/**
 * Build the demo server (not listening yet).
 * @param {{ bff?: URL | string, siteDir?: string, widgetDir?: string }} [options]
 */
export function createDemoServer(options = {}) {
  let bff = options.bff === undefined ? undefined : new URL(options.bff);
  let port = 0;
  const siteDir = options.siteDir ?? SITE_DIR;
  const widgetDir = options.widgetDir ?? WIDGET_DIR;
  const proxy = createProxy({ prefix: BFF_PREFIX, target: () => bff });

  const handle = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://demo.invalid');
    if (url.pathname === BFF_PREFIX || url.pathname.startsWith(`${BFF_PREFIX}/`)) {
      proxy(req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendOutcome(res, 405, 'invalid-parameter', 'This site only serves pages.');
      return;
    }
    const widget = url.pathname.startsWith('/widget/');
    serveFile({
      root: widget ? widgetDir : siteDir,
      urlPath: widget ? url.pathname.slice('/widget'.length) : url.pathname,
      req,
      res,
      headers: widget ? { 'Access-Control-Allow-Origin': '*' } : {},
      pageHeaders: widget ? {} : pageHeaders(port),
      notFoundPage: widget ? undefined : `${siteDir}404.html`,
      // The widget as a good host serves it: the build's brotli/gzip copies, hashed chunks cached for
      // a year; the site's few small pages and CSS are compressed per request.
      compress: widget ? 'precompressed' : 'on-the-fly',
      cacheControl: widget ? widgetCacheControl : undefined,
      // Pages name the demo's usual origin (the cross-site page must give the BFF's full URL);
      // on another port, e.g. in the end-to-end tests, they follow the port actually in use.
      rewriteHtml: port === DEFAULT_PORT ? undefined : (html) => html.replace(DEMO_HOSTS, (_, host) => `${host}:${port}`),
    }).catch(() => {
      if (!res.headersSent) sendOutcome(res, 500, 'internal', 'The page could not be served.');
      else res.destroy();
    });
  };

  let servers = [];
  return {
    /** Point the proxy at the BFF (it may start after the demo, whose port it needs). */
    setBff(url) { bff = new URL(url); },
    /** Listen on 127.0.0.1 and ::1 (so both `localhost` and `127.0.0.1` reach it); resolves the port. */
    async listen(wanted = 0) {
      const bound = await listenOnLoopback(handle, wanted);
      servers = bound.servers;
      port = bound.port;
      return port;
    },
    get port() { return port; },
    async close() {
      proxy.close();
      await Promise.all(servers.map((server) => new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      })));
    },
  };
}

async function main() {
  const wanted = Number(process.env.ITB_DEMO_PORT ?? DEFAULT_PORT);
  const demo = createDemoServer({ bff: process.env.ITB_DEMO_BFF_URL ?? 'http://localhost:4020' });
  const port = await demo.listen(wanted);
  console.log(`Demo clinic site on http://localhost:${port}`);
  const stop = () => { demo.close().then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
