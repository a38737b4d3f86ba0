/**
 * The test knobs over HTTP, for out-of-process users (benchmarks, end-to-end tests):
 *
 * | route | body / query | effect |
 * |---|---|---|
 * | `GET /_sandbox` | — | current latency, clock, pending faults, request count |
 * | `POST /_sandbox/latency` | `{ "ms": 50 }` | latency added to every upstream call |
 * | `POST /_sandbox/fault` | `{ "kind": "503", "count": 2, "match": "$find" }` | inject failures (`count` may be `"Infinity"`) |
 * | `POST /_sandbox/clock` | `{ "now": "2026-09-14T08:00:00+02:00" }` or `{ "now": null }` | fix or release the clock |
 * | `POST /_sandbox/reset` | — | clear faults, latency, clock; restore the seed bookings |
 * | `GET /_sandbox/bookings` | — | every stored booking (a searchset) |
 * | `GET /_sandbox/requests` | `?match=…` | `{ "count": n }` upstream calls received |
 * | `POST /_sandbox/requests/reset` | — | zero the counters |
 * @module
 */
import type { FastifyInstance } from 'fastify';
import { checkFault } from '../knobs.js';
import { searchset } from '../fhir/bundle.js';
import type { SandboxServices } from '../fhir/services.js';
import { bad, objectBody } from './knob-input.js';
import { FHIR_JSON } from './errors.js';


export async function knobRoutes(app: FastifyInstance, options: { services: SandboxServices }): Promise<void> {
  const { runtime } = options.services;
  const { knobs } = runtime;
  const ok = { ok: true };

  app.get('/', async () => ({
    latencyMs: runtime.latencyMs(),
    now: new Date(runtime.now()).toISOString(),
    requests: knobs.requestCount(),
    bookings: knobs.bookings().length,
  }));
  app.post('/latency', async (request) => {
    const { ms } = objectBody(request.body);
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw bad('ms must be a non-negative number.');
    knobs.setLatency(ms);
    return ok;
  });
  app.post('/fault', async (request) => {
    try {
      knobs.injectFault(checkFault(request.body));
    } catch (error) {
      throw bad(error instanceof Error ? error.message : 'Invalid fault.');
    }
    return ok;
  });
  app.post('/clock', async (request) => {
    const { now } = objectBody(request.body);
    if (now === null || now === undefined) {
      knobs.setNow(undefined);
      return ok;
    }
    const date = typeof now === 'string' ? new Date(now) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime())) throw bad('now must be an ISO date-time or null.');
    knobs.setNow(date);
    return ok;
  });
  app.post('/reset', async () => {
    knobs.reset();
    return ok;
  });
  app.get('/bookings', async (_request, reply) => reply.type(FHIR_JSON).send(searchset(options.services.ctx(), knobs.bookings())));
  app.get('/requests', async (request) => {
    const { match } = request.query as { match?: unknown };
    if (match !== undefined && typeof match !== 'string') throw bad('match must be given once.');
    return { count: knobs.requestCount(match) };
  });
  app.post('/requests/reset', async () => {
    knobs.resetCounts();
    return ok;
  });
}
