/**
 * The security baseline around every route: CORS with credentials only for the configured origins,
 * security headers, rate limiting available per route, and a CSRF/Origin guard on every
 * state-changing request (header `X-ITB-CSRF: 1` plus an allowed `Origin`).
 * The body limit is Fastify's own `bodyLimit` (set in createBff; 413 becomes an OperationOutcome).
 * @module
 */
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ATTRIBUTION_HEADER, CSRF_HEADER, IDEMPOTENCY_HEADER } from '@itb/shared';
import type { BffConfig } from '../config.js';
import { OutcomeError } from '../errors.js';
import { sharedRateLimitStore } from './rate-limit-store.js';
import { sharedStoreOf } from './shared-store.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A route called by a server, never by a browser (the IdP's back-channel logout): no CSRF
     * header or Origin to check; it authenticates the caller itself (a signed token).
     */
    serverToServer?: boolean;
    /**
     * A FHIR operation that changes nothing, invoked by POST (`$find`, `$get-offers-context`):
     * no CSRF header or Origin needed, because it is only accepted with a JSON Content-Type
     * (415 otherwise), which a cross-site page can send only after a CORS preflight that only
     * the allowed origins pass. Never set it on a route that changes anything or reads the session.
     */
    csrfExemptReadOnlyJson?: boolean;
  }
}

/** Body types a {@link FastifyContextConfig.csrfExemptReadOnlyJson} route takes; no HTML form can send them. */
export const READ_ONLY_OPERATION_TYPES: readonly string[] = ['application/fhir+json', 'application/json'];

/**
 * Route config for a per-client-IP limit, e.g.
 * `app.post('/auth/logout', { config: rateLimitPerMinute(app.config.rateLimitLoginPerMinute) }, handler)`.
 * Exceeding it answers 429 OperationOutcome 'rate-limited' with Retry-After.
 */
export function rateLimitPerMinute(max: number): { rateLimit: { max: number; timeWindow: number } } {
  return { rateLimit: { max, timeWindow: 60_000 } };
}

/** Origins that may make credentialed and state-changing requests: the allowlist plus the BFF's own. */
export function trustedOrigins(config: Pick<BffConfig, 'allowedOrigins' | 'publicUrl'>): ReadonlySet<string> {
  return new Set([...config.allowedOrigins, new URL(config.publicUrl).origin]);
}

/**
 * Throw 403 unless a state-changing request carries the CSRF header and a trusted Origin; a
 * read-only operation route (`csrfExemptReadOnlyJson`) needs neither, but throws 415 for any body
 * type other than JSON.
 */
export function checkSameOriginWrite(request: FastifyRequest, origins: ReadonlySet<string>): void {
  if (!STATE_CHANGING.has(request.method) || request.routeOptions.config?.serverToServer === true) return;
  if (request.routeOptions.config?.csrfExemptReadOnlyJson === true) {
    // A "simple request" (form, text/plain, no type) needs no preflight: refused before the body is read.
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (READ_ONLY_OPERATION_TYPES.includes(type)) return;
    throw new OutcomeError('unsupported-media-type', `This operation takes a FHIR Parameters body sent as ${READ_ONLY_OPERATION_TYPES.join(' or ')}.`);
  }
  if (request.headers[CSRF_HEADER.toLowerCase()] !== '1') {
    throw new OutcomeError('csrf', `State-changing requests need the ${CSRF_HEADER}: 1 header.`);
  }
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || !origins.has(origin)) {
    throw new OutcomeError('origin-not-allowed', 'This origin may not make changes.');
  }
}

/** CORS, headers, rate limiting and the CSRF/Origin guard for the whole app. */
export const securityPlugin = fp(async (app: FastifyInstance) => {
  const config = app.config;
  const allowed = new Set(config.allowedOrigins);
  const writeOrigins = trustedOrigins(config);

  await app.register(cors, {
    // Unlisted origins get no Access-Control-Allow-* at all, so the browser keeps their reads opaque.
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin) ? origin : false),
    credentials: true,
    methods: ['GET', 'POST', 'HEAD', 'OPTIONS'],
    // Prefer: a partner's FHIR client may ask for `handling=strict` (issue 21).
    allowedHeaders: ['Content-Type', 'Accept', 'Accept-Language', 'If-None-Match', 'Prefer', CSRF_HEADER, IDEMPOTENCY_HEADER, ATTRIBUTION_HEADER],
    exposedHeaders: ['ETag', 'Retry-After', 'X-Request-Id'],
    maxAge: 600,
    strictPreflight: false,
  });

  await app.register(helmet, {
    // JSON needs no CSP beyond the one added below; HTML pages (the login popup's callback) set their own.
    contentSecurityPolicy: false,
    // COOP would cut the login popup off from its opener, and the popup must postMessage to it.
    crossOriginOpenerPolicy: false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    hsts: new URL(config.publicUrl).protocol === 'https:' ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if ((type.includes('json') || type === '') && reply.getHeader('content-security-policy') === undefined) {
      reply.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    }
    return payload;
  });

  const store = sharedStoreOf(app);
  await app.register(rateLimit, {
    global: false,
    ...(store === undefined ? {} : { store: sharedRateLimitStore(store.redis, `${store.key('rate')}:`, () => app.telemetry.sharedStoreError('rate-limit')) }),
    onExceeded: (request) => app.telemetry.rateLimited(request.routeOptions.url ?? 'unmatched'),
    errorResponseBuilder: (_request, context) => new OutcomeError('rate-limited', `Too many requests; try again in ${context.after}.`),
  });

  app.addHook('onRequest', async (request) => {
    // RFC 9112 §3.2: an HTTP/1.1 request without Host is malformed.
    if (request.raw.httpVersionMajor === 1 && request.raw.httpVersionMinor >= 1 && request.headers.host === undefined) {
      throw new OutcomeError('invalid-parameter', 'A Host header is required.');
    }
    checkSameOriginWrite(request, writeOrigins);
  });
}, { fastify: '5.x', name: 'itb-security', dependencies: ['itb-telemetry'] });
