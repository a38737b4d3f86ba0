/**
 * Builds the BFF (does not listen): the one place that knows every plugin and route group.
 * Everything per instance (system token, caches, coalescing maps) lives inside plugins, so two
 * instances in one process share nothing.
 * @module
 */
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { BffConfig } from './config.js';
import { OutcomeError } from './errors.js';
import { loggingServerOptions, requestLoggingPlugin, type LoggerSettings } from './logging.js';
import { errorsPlugin, sendOutcome } from './plugins/errors.js';
import { compressionPlugin } from './plugins/compression.js';
import { answerClientError, connectionEdgesPlugin } from './plugins/connection-edges.js';
import { deadlinePlugin } from './plugins/deadline.js';
import { upstreamPlugin } from './plugins/upstream.js';
import { availabilityCachePlugin } from './plugins/availability-cache.js';
import { catalogSourcePlugin } from './plugins/catalog-source.js';
import { bookingEventsPlugin } from './plugins/booking-events.js';
import { photosPlugin } from './plugins/photos.js';
import { securityPlugin } from './plugins/security.js';
import { fhirFormatPlugin } from './plugins/fhir-format.js';
import { sharedStorePlugin } from './plugins/shared-store.js';
import { telemetryPlugin } from './plugins/telemetry.js';
import { metricsServerPlugin } from './plugins/metrics-server.js';
import { campaignRoutes } from './routes/campaigns.js';
import { catalogRoutes } from './routes/catalog.js';
import { findRoutes } from './routes/find.js';
import { healthRoutes } from './routes/health.js';
import { metadataRoutes } from './routes/metadata.js';
import { photoRoutes } from './routes/photos.js';
import { patientFeatures } from './plugins/patient.js';
import { createPublicLinks, type PublicLinks } from './fhir/public-links.js';
import { servedRoutesPlugin } from './fhir/served-routes.js';
import { validatorCompiler } from './fhir/schema-errors.js';
import { tracerProviderRegistered } from './tracing/tracer-registered.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The validated configuration this instance was built with. */
    config: BffConfig;
    /** The clock (tests inject one); use it instead of `new Date()` for every rule decision. */
    now: () => Date;
    /** Rewrites upstream addresses for the browser; every FHIR answer is serialised with it. */
    publicLinks: PublicLinks;
  }
}

function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

/** Options of {@link createBff}. */
export interface CreateBffOptions {
  /** false (default) = silent; true = pino at config.logLevel to stdout; or level/stream overrides. */
  readonly logger?: boolean | LoggerSettings;
  /** Clock for rule decisions (minimum advance booking, campaign validity, …). Default `new Date()`. */
  readonly now?: () => Date;
  /**
   * With Redis: one token refresh per session across instances (default true). Tests turn it off
   * to show the sign-out that refresh-token rotation causes without it; never turn it off in production.
   */
  readonly refreshLockShared?: boolean;
  /**
   * Route spans (@fastify/otel). Default: on when a tracer provider is registered with
   * @opentelemetry/api when createBff runs (the CLI's when OTEL_EXPORTER_OTLP_ENDPOINT is set, or your own SDK).
   */
  readonly tracing?: boolean;
}

/**
 * Build the BFF for `config`.
 * @example
 * const app = await createBff(parseConfig(process.env), { logger: true });
 * await app.listen({ port: app.config.port, host: app.config.host });
 */
export async function createBff(config: BffConfig, options: CreateBffOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...loggingServerOptions(config, options.logger),
    // Our own onResponse line replaces Fastify's, which would log the URL with its query string.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    // A hop count becomes proxy-addr's "trust the first n hops" function (Fastify's types take no number).
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    // Ids are validated by the route schemas (400), not silently 404'd by the router.
    routerOptions: { maxParamLength: 1000 },
    return503OnClosing: true,
    clientErrorHandler: answerClientError,
    // Node would answer a missing Host header itself, with an empty 400; the security plugin
    // refuses it as an OperationOutcome instead.
    http: { requireHostHeader: false },
    frameworkErrors: (error, _request, reply) => {
      void sendOutcome(reply, new OutcomeError('invalid-parameter', 'The request URL is malformed.', { cause: error }));
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', config);
  app.decorate('now', options.now ?? (() => new Date()));
  app.decorate('refreshLockShared', options.refreshLockShared ?? true);
  app.decorate('publicLinks', createPublicLinks(`${config.publicUrl}/fhir`));

  if (options.tracing ?? tracerProviderRegistered()) {
    // First: its onRequest hook opens the span every later hook and handler runs in, and its
    // onRoute hook must see every route. Imported only here, so a BFF without tracing never loads it.
    const { fastifyTracingPlugin } = await import('./tracing/fastify-tracing.js');
    await app.register(fastifyTracingPlugin());
  }
  await app.register(errorsPlugin);
  // First: every plugin after it reports through app.telemetry.
  await app.register(telemetryPlugin);
  await app.register(metricsServerPlugin);
  // Before any route: @fastify/compress attaches itself to routes as they are added.
  await app.register(compressionPlugin);
  await app.register(connectionEdgesPlugin);
  await app.register(deadlinePlugin);
  await app.register(requestLoggingPlugin);
  await app.register(sharedStorePlugin);
  await app.register(securityPlugin);
  // After the security plugin: a refused Host or CSRF header is answered before a refused format.
  await app.register(fhirFormatPlugin);
  await app.register(upstreamPlugin);
  await app.register(catalogSourcePlugin);
  await app.register(bookingEventsPlugin);
  await app.register(photosPlugin);
  await app.register(availabilityCachePlugin);
  // Before any FHIR route group: its onRoute hook collects what the CapabilityStatement lists.
  await app.register(servedRoutesPlugin);
  await app.register(healthRoutes);
  await app.register(metadataRoutes);
  await app.register(catalogRoutes);
  await app.register(photoRoutes);
  await app.register(findRoutes);
  await app.register(campaignRoutes);
  await app.register(patientFeatures);

  if (config.dangerouslyAllowInsecureLoopbackHttp) {
    app.log.warn('ITB_DANGEROUSLY_ALLOW_INSECURE_LOOPBACK_HTTP is set: plain http is allowed to loopback hosts. Never use this in production.');
  }
  return app;
}
