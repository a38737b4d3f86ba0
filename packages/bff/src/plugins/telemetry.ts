/**
 * What the BFF tells its operator, in one place (`app.telemetry`): Prometheus metrics in a registry
 * of this instance (prom-client; served on their own port by metrics-server.ts), and the same
 * decisions as events on the active OpenTelemetry span (no-ops when tracing is off).
 *
 * Every label is bounded and says nothing about a patient: route patterns (never URLs), HTTP
 * methods and statuses, upstream operation names, cache names, booking actions, outcomes and our
 * reason codes. Ids, personal numbers, names and phones never become a label or an attribute.
 * @module
 */
import { trace } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The caches whose decisions are counted. */
export type CacheName = 'catalog' | 'availability';
/** A cache lookup: served fresh, served stale while refreshing, or loaded. */
export type CacheResult = 'hit' | 'stale' | 'miss';

/** What a shared-store failure hit. */
export type SharedStoreFeature = 'connection' | 'revocation' | 'refresh-lock' | 'idempotency' | 'catalog' | 'rate-limit' | 'logout-token';

/** `app.telemetry`. */
export interface Telemetry {
  readonly registry: Registry;
  /** One upstream call (its attempts and retries included): `outcome` is its status class or failure kind. */
  upstream(operation: string, outcome: string, seconds: number): void;
  cache(cache: CacheName, result: CacheResult): void;
  booking(action: string, outcome: string, reason: string | undefined): void;
  /** Upstream `$find` calls one browser `$find` fanned out to. */
  fanOut(width: number): void;
  rateLimited(route: string): void;
  /** The shared store (Redis) failed `feature` (`connection`: the client lost or could not reach it). */
  sharedStoreError(feature: SharedStoreFeature): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    telemetry: Telemetry;
  }
}

const PREFIX = 'itb_bff_';
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The upstream operation a call is, from its path: `$find`, `$book`, `HealthcareService read`, … */
export function operationOf(path: string, method = 'GET'): string {
  const segments = path.split('/').filter((s) => s !== '');
  const last = segments.at(-1) ?? '';
  if (last.startsWith('$')) return last;
  const type = /^[A-Z][A-Za-z]+$/.test(segments[0] ?? '') ? segments[0] as string : segments[0] === 'metadata' ? 'metadata' : 'other';
  if (type === 'metadata' || type === 'other') return type;
  return `${type} ${method === 'GET' ? (segments.length > 1 ? 'read' : 'search') : method.toLowerCase()}`;
}

/** The metrics and span events of one BFF instance. */
export function createTelemetry(): Telemetry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  const upstream = new Histogram({ name: `${PREFIX}upstream_request_duration_seconds`, help: 'Upstream ITB calls (retries included) by operation and outcome', labelNames: ['operation', 'outcome'], buckets: SECONDS, registers: [registry] });
  const cache = new Counter({ name: `${PREFIX}cache_lookups_total`, help: 'Cache lookups by cache and result (hit, stale = served while refreshing, miss = loaded)', labelNames: ['cache', 'result'], registers: [registry] });
  const bookings = new Counter({ name: `${PREFIX}bookings_total`, help: 'Booking attempts by action, outcome and reason code', labelNames: ['action', 'outcome', 'reason'], registers: [registry] });
  const fanOut = new Histogram({ name: `${PREFIX}find_fanout_width`, help: 'Upstream $find calls per browser $find', buckets: [1, 2, 4, 8, 16, 32, 50], registers: [registry] });
  const rateLimited = new Counter({ name: `${PREFIX}rate_limited_total`, help: 'Requests refused by a rate limit, by route', labelNames: ['route'], registers: [registry] });
  const storeErrors = new Counter({ name: `${PREFIX}redis_errors_total`, help: 'Shared store (Redis) failures by the feature they hit', labelNames: ['feature'], registers: [registry] });
  const event = (name: string, attributes: Record<string, string | number>): void => {
    trace.getActiveSpan()?.addEvent(name, attributes);
  };
  return {
    registry,
    upstream(operation, outcome, seconds) {
      upstream.observe({ operation, outcome }, seconds);
    },
    cache(name, result) {
      cache.inc({ cache: name, result });
      event('itb.cache', { 'itb.cache.name': name, 'itb.cache.result': result });
    },
    booking(action, outcome, reason) {
      bookings.inc({ action, outcome, reason: reason ?? 'none' });
    },
    fanOut(width) {
      fanOut.observe(width);
      event('itb.find.fanout', { 'itb.find.fanout.width': width });
    },
    rateLimited(route) {
      rateLimited.inc({ route });
    },
    sharedStoreError(feature) {
      storeErrors.inc({ feature });
    },
  };
}

/** `app.telemetry`, and the request duration of every route. */
export const telemetryPlugin = fp(async (app: FastifyInstance) => {
  const telemetry = createTelemetry();
  const requests = new Histogram({ name: `${PREFIX}http_request_duration_seconds`, help: 'Requests by route pattern, method and status', labelNames: ['route', 'method', 'status'], buckets: SECONDS, registers: [telemetry.registry] });
  app.decorate('telemetry', telemetry);
  app.addHook('onResponse', async (request, reply) => {
    // The pattern (`/fhir/HealthcareService/:id`), never the URL: ids and queries stay out of labels.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.observe({ route, method: request.method, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
}, { fastify: '5.x', name: 'itb-telemetry' });
