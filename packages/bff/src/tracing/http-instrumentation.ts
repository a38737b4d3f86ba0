/**
 * The HTTP instrumentation the BFF traces with: a SERVER span per incoming request and a CLIENT span
 * per upstream call, whose context goes to ITB as `traceparent`. Its spans say nothing about the
 * patient (see redact.ts): the stable HTTP conventions this version emits put the query in
 * `url.query` (server) and `url.full` (client), the browser's address in `client.address` and
 * `network.peer.*`, and its user agent in `user_agent.original`; the start hooks drop or shorten
 * those before the span starts, so they never reach an exporter. No header is captured (no
 * `headersToSpanAttributes`) and bodies are never recorded.
 * @module
 */
import { createRequire } from 'node:module';
import type { RequestOptions } from 'node:http';
import type { Attributes } from '@opentelemetry/api';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { withoutQuery } from './redact.js';

/** The client span's `url.full` as the instrumentation builds it, minus query and credentials. */
function outgoingUrl(options: RequestOptions): string {
  const port = options.port === undefined || options.port === null ? '' : String(options.port);
  let host = options.host ?? options.hostname ?? 'localhost';
  if (!host.includes(':') && port !== '' && port !== '80' && port !== '443') host += `:${port}`;
  return `${options.protocol ?? 'http:'}//${host}${withoutQuery(options.path ?? '/')}`;
}

/** An HttpInstrumentation (enabled: it hooks `require('http')`) whose spans carry no personal data. */
export function createHttpInstrumentation(): HttpInstrumentation {
  return new HttpInstrumentation({
    // The instrumentation merges these over its own attributes; an undefined value is dropped
    // when the span starts.
    startIncomingSpanHook: (): Attributes => ({
      'url.query': undefined,
      'client.address': undefined,
      'network.peer.address': undefined,
      'network.peer.port': undefined,
      'user_agent.original': undefined,
    }),
    startOutgoingSpanHook: (options): Attributes => ({
      'url.full': outgoingUrl(options),
      'user_agent.original': undefined,
    }),
  });
}

/**
 * Patch `http` and `https` now. The instrumentation patches a module when it is `require`d after
 * the instrumentation is enabled; ESM imports never pass through that hook, and Fastify required
 * `http` long before. Requiring both here patches the module objects that every
 * `http.request(...)` call site (upstream-transport.ts) and `http.Server` share.
 */
export function patchHttpModules(): void {
  const require = createRequire(import.meta.url);
  require('http');
  require('https');
}
