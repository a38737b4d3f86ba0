/**
 * Route spans for one BFF instance, from @fastify/otel: inside the HTTP instrumentation's SERVER
 * span, a `request` span with the route pattern (`http.route`), the method and the status, and a
 * span per hook and handler within it (the `itb.cache` and `itb.find.fanout` events of
 * plugins/telemetry.ts land on the handler's span). It also hands the route to the SERVER span,
 * which then carries `http.route` and is named `POST /fhir/Appointment/$book`.
 *
 * @fastify/otel records `url.path` from `request.url`, query included: the request hook cuts the
 * query (see redact.ts). A failed request keeps its status and the error's message (our messages
 * and Fastify's never quote the input), but no exception event: @fastify/otel would add one with a
 * stack trace for every 4xx as well, on every span the error passes through.
 * @module
 */
import { FastifyOtelInstrumentation } from '@fastify/otel';
import type { FastifyPluginCallback } from 'fastify';
import { withoutQuery } from './redact.js';

/** The @fastify/otel plugin of one instance; register it before every other plugin and route. */
export function fastifyTracingPlugin(): FastifyPluginCallback {
  const instrumentation = new FastifyOtelInstrumentation({
    recordExceptions: false,
    requestHook: (span, request) => {
      span.setAttribute('url.path', withoutQuery(request.url));
    },
  });
  return instrumentation.plugin();
}
