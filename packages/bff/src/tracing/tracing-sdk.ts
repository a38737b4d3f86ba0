/**
 * The OpenTelemetry SDK of a BFF process: traces only, with the HTTP instrumentation and no other
 * auto-instrumentation. Route spans come from @fastify/otel, which createBff registers per instance
 * once a tracer provider is registered (fastify-tracing.ts). The exporter, its protocol
 * (http/protobuf by default, http/json, grpc), endpoint, headers, sampler, propagators and resource
 * attributes follow the standard OTEL_* variables, which the SDK reads itself.
 *
 * Loaded only through start-tracing.ts when tracing is on, so a BFF without it never loads the SDK.
 * @module
 */
import { context, diag, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { NodeSDK, type NodeSDKConfiguration } from '@opentelemetry/sdk-node';
import { createHttpInstrumentation, patchHttpModules } from './http-instrumentation.js';

/** Options of {@link startTracingSdk}. */
export interface TracingSdkOptions {
  /** `service.name`; default: what OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES say. */
  readonly serviceName?: string | undefined;
  /** Where finished spans go (tests: an in-memory exporter). Default: the OTLP exporter the environment configures, batched. */
  readonly spanProcessors?: NodeSDKConfiguration['spanProcessors'];
}

/** Tracing once started. */
export interface Tracing {
  /** Export the spans not yet sent, then stop tracing and unregister everything it registered. Never rejects. */
  stop(): Promise<void>;
}

/**
 * Start tracing in this process: register the tracer provider, context manager and propagator
 * globally and patch `http`/`https`.
 * @example
 * const tracing = startTracingSdk({ serviceName: 'itb-bff' });
 * const app = await createBff(config, { tracing: true });
 * // on shutdown, after app.close():
 * await tracing.stop();
 */
export function startTracingSdk(options: TracingSdkOptions = {}): Tracing {
  const http = createHttpInstrumentation();
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    instrumentations: [http],
    spanProcessors: options.spanProcessors,
    // Metrics are Prometheus's (plugins/telemetry.ts). Without these two the SDK would start OTLP
    // metric and log exporters of its own whenever their OTEL_*_EXPORTER variables are unset.
    metricReaders: [],
    logRecordProcessors: [],
    // W3C trace context only, unless the operator says otherwise: the SDK's default also passes
    // W3C baggage on, and baggage a browser sends must not travel to ITB.
    ...(process.env['OTEL_PROPAGATORS'] === undefined ? { textMapPropagator: new W3CTraceContextPropagator() } : {}),
  });
  sdk.start();
  patchHttpModules();
  return {
    async stop() {
      try {
        await sdk.shutdown();
      } catch (error) {
        diag.warn('tracing: could not export the last spans', error);
      } finally {
        http.disable();
        trace.disable();
        context.disable();
        propagation.disable();
      }
    },
  };
}
